"""Reading other apps' files (and our own export) into one import plan, validated whole before
anything is written. Pure: text in, plain data out."""
