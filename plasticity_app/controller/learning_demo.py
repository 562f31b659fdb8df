"""Demo content for steps 2 and 3: a clinician-guided opening paired with therapy, weekly sessions,
skills practice, thought records, and behavioural experiments in every state.

Written through the controllers, day by day, so the roadmap records its completions on the days
they would really have happened. The app text never names a drug or a dose, and neither does this.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from plasticity_app.domain.experiments import ExperimentPlan, ExperimentResult, PredictionCameTrue
from plasticity_app.domain.learning import LearningSession, SessionKind
from plasticity_app.domain.openings import Opening, OpeningKind
from plasticity_app.domain.thought_records import Mood, ThoughtRecord

if TYPE_CHECKING:
    from plasticity_app.controller.journal import Journal

OPENING_DAY = 11
CLINICIAN = "Dr. Osei"


def log_demo_opening(journal: Journal, day_index: int, day: date, rng: random.Random) -> None:
    """Day 11: the opening agreed with Dr. Osei (instead of marking step 2 as not needed)."""
    journal.learning.log_opening(
        Opening(
            kind=OpeningKind.MEDICATION_CHANGE,
            at=datetime.combine(day, time(10, 30)),
            clinician=CLINICIAN,
            notes=(
                "Went through my baseline with Dr. Osei and we agreed on a change to my "
                "medication. Plan: book therapy for tomorrow and try one small experiment "
                "this week."
            ),
        )
    )


@dataclass(frozen=True)
class DemoExperiment:
    planned_on: int
    run_on: int
    belief: str
    before: int
    plan: str
    prediction: str
    how_to_know: str = ""
    alternative: str = ""
    alternative_before: int | None = None
    safety: str = ""
    metric: str = ""
    # what happened (None: still planned; "cancel": cancelled on run_on + 1)
    outcome: str | None = None
    came_true: PredictionCameTrue | None = None
    learned: str = ""
    after: int | None = None
    alternative_after: int | None = None


EXPERIMENTS: tuple[DemoExperiment, ...] = (
    DemoExperiment(
        13,
        16,
        "If I reach out, people will think I’m a nuisance.",
        75,
        "Send one concise email to Priya about the project idea, without rewriting it "
        "five times first.",
        "She won’t reply, or she’ll reply coldly.",
        "No answer within two days, or a one-line brush-off.",
        "People are usually glad to hear from someone with a real question.",
        30,
        "Drafting it over and over; adding three apologies.",
        "Willingness to initiate",
        "Priya replied within an hour and asked to meet on Friday to talk it through.",
        PredictionCameTrue.NO,
        "Reaching out with something specific was welcome. One email is not an imposition.",
        25,
        60,
    ),
    DemoExperiment(
        20,
        30,
        "If I speak up in a meeting, I’ll say something stupid and everyone will notice.",
        80,
        "Make one suggestion in Wednesday’s planning meeting, in the first half hour.",
        "I’ll stumble over my words and people will exchange looks.",
        "Someone frowns, laughs or changes the subject.",
        "",
        None,
        "Staying quiet until the end; reading from notes.",
        "Self-criticism intensity",
        "My voice shook at first. Two people built on the idea and it went into the plan.",
        PredictionCameTrue.PARTLY,
        "Nerves showed a little, but nobody seemed to mind, and the idea was used.",
        45,
    ),
    DemoExperiment(
        25,
        28,
        "If I say no to extra work, my manager will think I’m lazy.",
        70,
        "Decline the extra report on Monday and explain my current priorities.",
        "She’ll be annoyed and bring it up in my review.",
        outcome="cancel",
    ),
    DemoExperiment(
        36,
        45,
        "If I join the hiking group, I won’t fit in.",
        65,
        "Go on Saturday’s hike with Sam’s group and talk to at least two new people.",
        "I’ll end up walking alone at the back.",
        "Nobody starts a conversation with me.",
        "",
        None,
        "Sticking next to Sam the whole way.",
        "Willingness to initiate",
        "Talked with three people; one invited me to the next hike.",
        PredictionCameTrue.NO,
        "I fit in better than I expected when I stop holding back.",
        35,
    ),
    DemoExperiment(
        48,
        52,
        "If I get a hard question in my presentation, I’ll freeze and look incompetent.",
        85,
        "Give the project update without the script, and take questions at the end.",
        "I’ll freeze on the first tough question.",
        "A long silence, or I can’t answer at all.",
        "I can handle a hard question even if I don’t know everything.",
        40,
        "Memorising answers; ending early to avoid questions.",
        "Recovery time after setbacks",
        "One awkward question about the budget. I said I would check and follow up. "
        "Nobody seemed bothered.",
        PredictionCameTrue.PARTLY,
        "Not knowing an answer is survivable. Following up is a normal thing to do.",
        50,
        65,
    ),
    DemoExperiment(
        60,
        66,
        "If I ask a question in the workshop, people will think I should already know.",
        70,
        "Ask one genuine question in Thursday’s workshop without rehearsing it.",
        "The trainer will sound impatient and others will look away.",
        "",
        "",
        None,
        "Rehearsing the question ten times.",
        "Willingness to initiate",
        "The trainer said it was a good question and two others had wondered the same.",
        PredictionCameTrue.NO,
        "My questions are often other people’s questions too.",
        30,
    ),
    DemoExperiment(
        62,
        67,
        "If I ask for feedback on my work, it will confirm I’m not good enough.",
        70,
        "Ask Jo for two things that work and one to improve in my last report.",
        "The feedback will be mostly negative.",
        "More criticism than praise.",
        safety="Asking only about the parts I’m sure of.",
    ),
    DemoExperiment(
        64,
        69,
        "If I share my draft before it’s perfect, people will judge me.",
        80,
        "Share the rough draft with the team channel by 4 pm, as it is.",
        "Someone will point out every flaw.",
        "Comments are mostly about mistakes.",
        "A rough draft is how good work gets better.",
        35,
        "Polishing until late; adding a long disclaimer.",
    ),
    DemoExperiment(
        68,
        73,
        "If I suggest a plan to friends, they’ll only go along out of politeness.",
        60,
        "Suggest Sunday brunch in the group chat and pick a place.",
        "People will reply with vague maybes.",
        "Fewer than two clear yeses.",
    ),
)


THOUGHT_RECORDS: dict[int, ThoughtRecord] = {}


def _thought(
    situation: str,
    moods: list[tuple[str, int, int | None]],
    thought: str,
    belief: int,
    distortions: tuple[str, ...],
    evidence_for: str,
    evidence_against: str,
    balanced: str = "",
    balanced_belief: int | None = None,
) -> ThoughtRecord:
    return ThoughtRecord(
        day=date.min,
        situation=situation,
        moods=tuple(Mood(name, before) for name, before, _after in moods),
        automatic_thought=thought,
        thought_belief=belief,
        distortions=distortions,
        evidence_for=evidence_for,
        evidence_against=evidence_against,
        balanced_thought=balanced,
        balanced_belief=balanced_belief,
        moods_after=tuple(Mood(name, after) for name, _b, after in moods if after is not None),
    )


THOUGHT_RECORDS.update(
    {
        13: _thought(
            "Team meeting on Tuesday: my suggestion was skipped over.",
            [("anxious", 70, 40), ("ashamed", 60, 35)],
            "They think my ideas are worthless.",
            80,
            ("mind_reading", "overgeneralization"),
            "Nobody picked up my suggestion.",
            "Two people nodded. The agenda was packed and we ran out of time. Last month Jo "
            "used one of my ideas.",
            "The meeting ran out of time; one skipped suggestion says little about what "
            "people think of me.",
            60,
        ),
        17: _thought(
            "Priya replied warmly to my email, and I still felt uneasy.",
            [("doubtful", 60, 30)],
            "She only replied to be nice.",
            70,
            ("disqualifying_positive", "mind_reading"),
            "She is a friendly person in general.",
            "She asked to meet, which she didn’t have to do. She suggested a date herself.",
            "She replied because the idea interested her. I can take that at face value.",
            65,
        ),
        24: _thought(
            "Found a typo in the report I sent to the whole team.",
            [("embarrassed", 80, 40), ("anxious", 65, 35)],
            "I always mess up. I’m careless.",
            85,
            ("overgeneralization", "labeling", "magnification"),
            "There was a typo, and people saw it.",
            "It was one typo in twelve pages. Nobody mentioned it. My last four reports went "
            "out clean.",
            "I made one small mistake in a long report. Most of my work is careful.",
            70,
        ),
        31: _thought(
            "A friend cancelled dinner an hour before.",
            [("hurt", 60, 30), ("lonely", 55, 35)],
            "She doesn’t really want to see me.",
            65,
            ("personalization", "mind_reading"),
            "She has cancelled twice this year.",
            "Her son was ill; she apologised and suggested next week herself.",
            "She cancelled because of her son, not because of me.",
            75,
        ),
        38: _thought(
            "Reading the posting for the team-lead role.",
            [("anxious", 75, 50), ("inadequate", 70, 45)],
            "I should be further along by now. If I’m not perfect for it, there’s no point.",
            70,
            ("should_statements", "all_or_nothing"),
            "I haven’t led a team formally.",
            "I led the migration project. I meet most of the listed criteria. Nobody meets all.",
            "I meet most of what they ask. Applying is a way to find out, not a test of my worth.",
            55,
        ),
        46: _thought(
            "Got detailed comments on my draft from Jo.",
            [("deflated", 70, 30)],
            "The whole thing is bad.",
            75,
            ("all_or_nothing", "mental_filter", "emotional_reasoning"),
            "There were eleven comments.",
            "Jo said the structure was strong. Most comments were small wording changes.",
            "The draft is solid and needs polishing, which is what drafts are for.",
            70,
        ),
        53: _thought(
            "A joke of mine fell flat at lunch.",
            [("embarrassed", 55, None)],
            "Everyone thinks I’m awkward.",
            60,
            ("mind_reading", "magnification"),
            "Nobody laughed.",
            "",
        ),
        63: _thought(
            "Phone call with the landlord about the repair; felt brushed off.",
            [("frustrated", 70, 45), ("small", 50, 25)],
            "People walk all over me because I’m weak.",
            60,
            ("labeling", "overgeneralization", "personalization"),
            "He didn’t commit to a date.",
            "I stated the problem clearly and asked for a date in writing. He is slow with "
            "everyone in the building.",
            "He is slow to fix things for everyone. I stood up for myself and followed up.",
            65,
        ),
    }
)

THERAPY_DAYS = (12, 19, 26, 33, 47, 54, 61, 68)  # day 40 was rescheduled
THERAPY_NOTES = {
    12: "First CBT session with Maya. Mapped the ‘I’m a nuisance’ belief and where it shows up.",
    19: "Reviewed the email experiment. Planned the next one: speaking up in a meeting.",
    26: "Worked on saying no. Practised a short script.",
    33: "Looked at the ‘I should be further along’ thoughts. Homework: a thought record.",
    47: "Prepared for the presentation. Named the safety behaviours to drop.",
    54: "Talked through how I recovered after the presentation question.",
    61: "Reviewed eight weeks of ratings together. Planned the feedback experiment.",
    68: "Relapse-prevention plan: what to keep doing after the weekly sessions end.",
}
SKILLS = {
    15: ("Thought-record practice on an old situation.", 20),
    22: ("Five-minute self-compassion break after the typo.", 10),
    29: ("Practised the assertiveness script out loud.", 15),
    36: ("Worksheet: listing safety behaviours I use at work.", 25),
    44: ("Mindful walk; noticed thoughts without arguing with them.", 30),
    51: ("Rehearsed the presentation once, without the script.", 35),
    58: ("", 15),
    65: ("Practised asking one question in a low-stakes meeting.", 10),
}


def _metric_id(journal: Journal, name: str) -> int | None:
    if not name:
        return None
    for metric in journal.metrics.all():
        if metric.name == name:
            return metric.id
    return None


def learning_day(journal: Journal, day_index: int, day: date, rng: random.Random) -> None:
    """One simulated day of steps 2 and 3 (called after the day's check-in)."""
    if journal.learning.lock_reason() is not None:
        return
    learning = journal.learning
    if day_index in THERAPY_DAYS:
        learning.log_session(
            LearningSession(
                day, SessionKind.THERAPY, 50 + rng.choice((0, 0, 5, -5)), THERAPY_NOTES[day_index]
            )
        )
    if day_index in SKILLS:
        notes, minutes = SKILLS[day_index]
        learning.log_session(LearningSession(day, SessionKind.SKILLS, minutes, notes))
    if day_index in THOUGHT_RECORDS:
        record = THOUGHT_RECORDS[day_index]
        learning.add_thought_record(replace(record, day=day))
    # Plan and run the experiments.
    by_belief = {e.plan.target_belief: e for e in learning.experiments()}
    for demo in EXPERIMENTS:
        if demo.planned_on == day_index:
            learning.plan_experiment(
                ExperimentPlan(
                    target_belief=demo.belief,
                    belief_before=demo.before,
                    plan=demo.plan,
                    prediction=demo.prediction,
                    planned_date=day + timedelta(days=demo.run_on - demo.planned_on),
                    alternative_belief=demo.alternative,
                    alternative_before=demo.alternative_before,
                    safety_behaviours=demo.safety,
                    how_to_know=demo.how_to_know,
                    related_metric_id=_metric_id(journal, demo.metric),
                )
            )
        existing = by_belief.get(demo.belief)
        if existing is None:
            continue
        if demo.outcome == "cancel" and day_index == demo.run_on + 1:
            learning.cancel_experiment(existing.id)
        elif demo.outcome not in (None, "cancel") and day_index == demo.run_on:
            learning.record_outcome(
                existing.id,
                ExperimentResult(
                    outcome=demo.outcome or "",
                    prediction_came_true=demo.came_true,
                    belief_after=demo.after,
                    done_date=day,
                    learned=demo.learned,
                    alternative_after=demo.alternative_after,
                ),
            )
