"""Digest schedules: the grammar people type, in words back, and the next run time (pure; no I/O).

Usage::

    spec = parse_schedule("weekly fri 16:00 Europe/Berlin to <#C0LEAD|leadership>")
    spec.canonical           # 'weekly fri 16:00'
    spec.timezone            # 'Europe/Berlin'   (None: the channel's / DIGEST_TIMEZONE)
    spec.destination_id      # 'C0LEAD'          (None: the channel itself)
    describe(spec, "UTC")    # 'every Friday at 16:00 (Europe/Berlin), posted in <#C0LEAD>'
    next_run(spec, "UTC", now=utcnow())   # aware datetime in the schedule's timezone, or None for off

    parse_schedule("fortnightly")   # raises ScheduleError with one line and an example

The grammar (case-insensitive; the time is 24 h `HH:MM` or `9am` / `5:30pm`):

    daily 09:00                every day
    weekdays 17:30             Monday to Friday
    weekly mon 09:00           one day a week (mon … sun, or the full name)
    monthly 1 09:00            one day of the month (1–31; months without that day are skipped)
    0 9 * * 1-5                a crontab, with cron's meaning: day of week 0 and 7 = Sunday, 1-5 = Mon–Fri
    @daily / @weekly / @monthly   crontab shorthands (at 00:00)
    hourly                     at minute 0 of every hour
    off                        no digests for this channel

and the phrasings people type, read as one of the above: `every monday 9am`, `daily at 9am`,
`every weekday 8:30`, `mon-fri 8:30`, `mondays and thursdays 10:00`, `tuesdays 14:00`,
`weekends 10:00`, `every day at noon` (filler words `every`, `at`, `on`, `and` are skipped;
`9 am` = `9am`; a list of days is stored as `mon,thu 10:00`).

followed by an optional IANA timezone (`Europe/Berlin`, `europe/berlin`, `UTC`; an abbreviation such
as `PST` is answered with the zone to use, `America/Los_Angeles`) and an optional destination
`to #channel` (Slack sends it as `<#C123|name>`).

Look-backs (`digest 7d`) have their grammar here too, for the command parser and the digester alike::

    parse_lookback("2w")      # 14    ('7d', '7 days', '1 week', '14'); '' → None; else LookbackError
    with_timezone("weekdays 9:00 to <#C1>", "Europe/Berlin")   # 'weekdays 9:00 Europe/Berlin to <#C1>'


Why the day-of-week conversion: APScheduler 3 numbers weekdays from Monday = 0, so its
`CronTrigger.from_crontab("0 9 * * 1-5")` fires Tuesday to Saturday. We expand cron's field
into a set of days and hand APScheduler day *names*, which mean the same to both. Cron's other
quirk is kept too: when both day-of-month and day-of-week are restricted, cron fires when
*either* matches, so such a spec becomes two triggers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from apscheduler.triggers.base import BaseTrigger
from apscheduler.triggers.cron import CronTrigger

from bot.errors import VerdictError
from bot.render.blocks import escape

__all__ = [
    "Schedule",
    "ScheduleError",
    "ScheduleTrigger",
    "describe",
    "format_local",
    "fire_times",
    "next_run",
    "LookbackError",
    "canonical_timezone",
    "parse_lookback",
    "parse_schedule",
    "previous_run",
    "resolve_timezone",
    "with_timezone",
]

EXAMPLE = "e.g. `weekdays 09:00`, `weekly fri 16:00 Europe/Berlin`, `0 9 * * 1-5` or `off`"
# A digest more often than this would flood a channel; a typo such as `* 9 * * *` (every minute
# from 09:00 to 09:59) is the usual cause.
MIN_INTERVAL = timedelta(hours=1)

DAY_NAMES = ("sun", "mon", "tue", "wed", "thu", "fri", "sat")  # cron numbering: index = cron number
DAY_WORDS = ("Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday")
_DAY_ALIASES = {name: i for i, name in enumerate(DAY_NAMES)} | {
    word.lower(): i for i, word in enumerate(DAY_WORDS)
} | {"tues": 2, "wednes": 3, "thur": 4, "thurs": 4}
_MONTH_NAMES = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_SHORTHANDS = {
    "@daily": "0 0 * * *", "@midnight": "0 0 * * *", "@weekly": "0 0 * * 0",
    "@monthly": "0 0 1 * *", "@yearly": "0 0 1 1 *", "@annually": "0 0 1 1 *", "@hourly": "0 * * * *",
    "hourly": "0 * * * *",
}
_TIME = re.compile(r"^(\d{1,2})(?::(\d{2}))?\s*(am|pm)?$")
_CHANNEL_MENTION = re.compile(r"^<#([CGD][A-Z0-9]+)(?:\|([^>]*))?>$")
_CHANNEL_ID = re.compile(r"^[CG][A-Z0-9]{8,}$")


class ScheduleError(VerdictError):
    """A schedule spec that can't be understood; the message is one line with an example."""

    def __init__(self, why: str):
        # it echoes what someone typed: inert in Slack (`<!channel>` must not ping from an error line)
        super().__init__(f"{escape(why)} — {EXAMPLE}")


class LookbackError(VerdictError):
    """A look-back (`digest 7d`) that can't be understood; one line."""


@dataclass(frozen=True)
class Schedule:
    """A parsed schedule. `cron` is a 5-field crontab in cron's own meaning; None when off."""

    canonical: str  # what we store and show: 'weekdays 17:30', '0 9 * * 1-5', 'off'
    cron: str | None
    timezone: str | None = None
    destination_id: str | None = None
    destination_name: str | None = None
    words: str = ""  # 'Monday to Friday at 17:30'

    @property
    def off(self) -> bool:
        return self.cron is None

    def trigger(self, default_timezone: str = "UTC") -> ScheduleTrigger | None:
        """The APScheduler trigger in this schedule's timezone (or `default_timezone`); None when off."""
        if self.cron is None:
            return None
        return ScheduleTrigger(self.cron, resolve_timezone(self.timezone or default_timezone))


# --- triggers -------------------------------------------------------------------------------


class ScheduleTrigger(BaseTrigger):
    """A crontab with cron's meaning, as an APScheduler trigger.

    Wraps one CronTrigger (two when day-of-month and day-of-week are both restricted: cron ORs
    them) and fixes the autumn DST change: CronTrigger fires a 02:30 job twice on the night the
    clocks go back (once per fold). Cron runs a job in a repeated hour once, so we skip the
    second pass (fold=1) whenever the same wall-clock time already happened on the first pass.
    The spring change needs nothing: a 02:30 that doesn't exist fires once, at 03:30.
    """

    __slots__ = ("cron", "timezone", "_triggers")

    def __init__(self, cron: str, tz: ZoneInfo):
        self.cron = cron
        self.timezone = tz
        minute, hour, day, month, dow = cron.split()
        days = _expand_day_of_week(dow)
        # day names mean the same to cron and APScheduler; numbers don't (APScheduler: 0 = Monday)
        aps_dow = ",".join(DAY_NAMES[d] for d in sorted(days)) if days else None
        common = dict(minute=minute, hour=hour, month=month, timezone=tz)
        try:
            if day != "*" and days is not None:
                # cron: "when both are restricted, the command runs when either field matches"
                self._triggers = [CronTrigger(day=day, **common), CronTrigger(day_of_week=aps_dow, **common)]
            else:
                self._triggers = [CronTrigger(day=day, day_of_week=aps_dow or "*", **common)]
        except ValueError as error:
            raise ScheduleError(f"bad crontab `{cron}`: {error}") from None

    def get_next_fire_time(self, previous_fire_time, now):
        after = previous_fire_time
        # each pass moves strictly forward; a repeated hour holds at most 60 minute-slots to skip,
        # and the bound only guards against a bug turning into a hang
        for _ in range(1000):
            candidates = [t for t in (trig.get_next_fire_time(after, now) for trig in self._triggers) if t]
            if not candidates:
                return None
            # compare instants, not wall times: within one zone Python ignores `fold` when comparing
            result = min(candidates, key=lambda t: t.timestamp())
            if result.fold == 1 and _is_repeated(result):
                # the same wall-clock time already occurred on the first pass (fold=0): skip it
                after = now = result
                continue
            return result
        return None

    def __str__(self):
        return f"cron[{self.cron}] in {self.timezone}"

    def __repr__(self):
        return f"<ScheduleTrigger {self.cron!r} {self.timezone}>"


def _is_repeated(moment: datetime) -> bool:
    """True when `moment` (fold=1) is the second occurrence of an ambiguous wall-clock time."""
    first = moment.replace(fold=0)
    return first.utcoffset() != moment.utcoffset()


def fire_times(trigger: BaseTrigger, start: datetime, end: datetime, *, limit: int = 10_000) -> list[datetime]:
    """Fire times t with start < t <= end, in order (for catch-up and tests)."""
    out: list[datetime] = []
    end_ts = end.timestamp()  # instants: wall-time comparison within a zone ignores DST folds
    nxt = trigger.get_next_fire_time(None, start + timedelta(microseconds=1))
    while nxt is not None and nxt.timestamp() <= end_ts and len(out) < limit:
        out.append(nxt)
        nxt = trigger.get_next_fire_time(nxt, nxt)
    return out


def previous_run(trigger: BaseTrigger, now: datetime, *, within: timedelta) -> datetime | None:
    """The latest fire time in (now - within, now], or None."""
    times = fire_times(trigger, now - within, now)
    return times[-1] if times else None


def next_run(schedule: Schedule, default_timezone: str, now: datetime) -> datetime | None:
    """The next fire time after `now`, in the schedule's timezone; None when off."""
    trigger = schedule.trigger(default_timezone)
    if trigger is None:
        return None
    nxt = trigger.get_next_fire_time(None, now.astimezone(trigger.timezone) + timedelta(microseconds=1))
    # via UTC: a spring-forward 02:30 comes back as a wall time that doesn't exist; this shows 03:30
    return nxt.astimezone(UTC).astimezone(trigger.timezone) if nxt else None


def resolve_timezone(name: str) -> ZoneInfo:
    return ZoneInfo(canonical_timezone(name))


def _is_zone(name: str) -> bool:
    try:
        ZoneInfo(name)
        return True
    except (ZoneInfoNotFoundError, ValueError):
        return False


_ZONES_BY_LOWER: dict[str, str] = {}


def canonical_timezone(name: str) -> str:
    """The IANA name as tzdata spells it ('europe/berlin' → 'Europe/Berlin'); ScheduleError if unknown."""
    if _is_zone(name):
        return name
    if not _ZONES_BY_LOWER:
        _ZONES_BY_LOWER.update({zone.lower(): zone for zone in available_timezones()})
    found = _ZONES_BY_LOWER.get(name.lower())
    if found:
        return found
    if name.upper() in _ABBREVIATIONS:
        raise ScheduleError(f"`{name}` is an abbreviation, not a timezone: use {_ABBREVIATIONS[name.upper()]}")
    raise ScheduleError(f"unknown timezone `{name}` (use an IANA name such as Europe/Berlin)")


def with_timezone(spec: str, timezone: str | None) -> str:
    """`spec` with `timezone` added where the grammar expects it, unless it names one (or is off/unparseable)."""
    if not timezone:
        return spec
    try:
        schedule = parse_schedule(spec, check_interval=False)
    except ScheduleError:
        return spec  # the real parse reports the problem
    if schedule.off or schedule.timezone:
        return spec
    tokens = spec.split()
    lowered = [t.lower() for t in tokens]
    at = lowered.index("to") if "to" in lowered else len(tokens)
    return " ".join([*tokens[:at], timezone, *tokens[at:]])


# --- natural phrasings ------------------------------------------------------------------------

_FILLER = frozenset({"every", "each", "at", "on", "and", "&", "the", "of"})
_PLAIN_WORDS = {
    "day": "daily", "days": "daily", "everyday": "daily", "weekday": "weekdays", "workdays": "weekdays",
    "workday": "weekdays", "weekend": "sat,sun", "weekends": "sat,sun", "hour": "hourly",
}
_NAMED_TIMES = {"noon": "12:00", "midday": "12:00", "midnight": "00:00"}


def _natural(tokens: list[str]) -> list[str]:
    """People's phrasings → the grammar's tokens ('every monday at 9 am' → ['mon', '9am'])."""
    if re.fullmatch(r"[\d*/,\-]+", tokens[0]) or tokens[0].startswith("@"):
        return tokens  # a crontab or a shorthand: taken literally
    out: list[str] = []
    for raw in tokens:
        word = raw.lower().strip(",")
        if not word or word in _FILLER:
            continue
        if word in ("am", "pm") and out and re.fullmatch(r"\d{1,2}(:\d{2})?", out[-1]):
            out[-1] += word  # "9 am" → "9am"
            continue
        word = _NAMED_TIMES.get(word, _PLAIN_WORDS.get(word, word))
        out.append(word)
    # a run of day names ('mondays thursdays', 'mon,thu') becomes one day-list token
    days: list[str] = []
    while out and _is_day_list(out[0]) and out[0] not in ("daily", "weekdays", "weekly", "monthly"):
        days.append(out.pop(0))
    if days:
        out.insert(0, ",".join(days))
    return out or tokens


def _day_token(text: str) -> int | None:
    text = text.lower()
    day = _DAY_ALIASES.get(text)
    if day is None and text.endswith("s"):
        day = _DAY_ALIASES.get(text[:-1])  # "mondays"
    return day


def _is_day_list(token: str) -> bool:
    parts = [p for p in token.lower().split(",") if p]
    if not parts:
        return False
    for part in parts:
        ends = part.split("-")
        if len(ends) > 2 or any(_day_token(e) is None for e in ends):
            return False
    return True


def _parse_day_list(token: str, time_token: str) -> tuple[str, str]:
    days: set[int] = set()
    for part in [p for p in token.lower().split(",") if p]:
        ends = [d for d in (_day_token(e) for e in part.split("-")) if d is not None]  # checked by _is_day_list
        if len(ends) == 2:
            first, last = ends
            span = range(first, (last if last >= first else last + 7) + 1)  # "fri-mon" wraps the weekend
            days.update(d % 7 for d in span)
        else:
            days.add(ends[0])
    hour, minute = _parse_time(time_token, token)
    at = f"{hour:02d}:{minute:02d}"
    ordered = sorted(days, key=lambda d: (d + 6) % 7)  # Monday first
    if len(days) == 7:
        return f"{minute} {hour} * * *", f"daily {at}"
    if days == {1, 2, 3, 4, 5}:
        return f"{minute} {hour} * * 1-5", f"weekdays {at}"
    if len(days) == 1:
        return f"{minute} {hour} * * {ordered[0]}", f"weekly {DAY_NAMES[ordered[0]]} {at}"
    names = ",".join(DAY_NAMES[d] for d in ordered)
    return f"{minute} {hour} * * {','.join(str(d) for d in sorted(days))}", f"{names} {at}"


# Abbreviations people type, and the IANA zone (or zones) they mean
_ABBREVIATIONS = {
    "PST": "America/Los_Angeles", "PDT": "America/Los_Angeles", "PT": "America/Los_Angeles",
    "MDT": "America/Denver", "MT": "America/Denver", "CDT": "America/Chicago", "CT": "America/Chicago",
    "CST": "America/Chicago (US Central) or Asia/Shanghai (China)", "EDT": "America/New_York",
    "ET": "America/New_York", "AKST": "America/Anchorage", "AKDT": "America/Anchorage",
    "BST": "Europe/London", "IST": "Asia/Kolkata (India), Europe/Dublin (Ireland) or Asia/Jerusalem (Israel)",
    "CEST": "Europe/Berlin (or Europe/Paris, Europe/Madrid …)", "EEST": "Europe/Athens (or Europe/Helsinki …)",
    "WEST": "Europe/Lisbon", "JST": "Asia/Tokyo", "KST": "Asia/Seoul", "HKT": "Asia/Hong_Kong",
    "SGT": "Asia/Singapore", "AEST": "Australia/Sydney", "AEDT": "Australia/Sydney", "ACST": "Australia/Adelaide",
    "AWST": "Australia/Perth", "NZST": "Pacific/Auckland", "NZDT": "Pacific/Auckland", "BRT": "America/Sao_Paulo",
}


# --- look-backs ---------------------------------------------------------------------------------

MAX_LOOKBACK_DAYS = 90
_LOOKBACK = re.compile(r"^(\d{1,3})\s*(d|days?|w|wks?|weeks?)?$")


def parse_lookback(text: str) -> int | None:
    """'7d' → 7, '2w' → 14, '30 days' → 30, '' → None (the scheduled digest); LookbackError otherwise."""
    text = " ".join((text or "").lower().split())
    if not text:
        return None
    match = _LOOKBACK.fullmatch(text)
    if not match:
        raise LookbackError(f"`digest {escape(text)}`: give a look-back such as `digest 7d` or `digest 2w` "
                            "(or `digest` alone)")
    days = int(match.group(1)) * (7 if (match.group(2) or "d").startswith("w") else 1)
    if not 1 <= days <= MAX_LOOKBACK_DAYS:
        raise LookbackError(f"a look-back covers 1 to {MAX_LOOKBACK_DAYS} days")
    return days


# --- parsing --------------------------------------------------------------------------------


def parse_schedule(text: str, *, check_interval: bool = True) -> Schedule:
    """Parse what a person typed (see the module docstring); raise ScheduleError on anything else."""
    tokens = text.replace("\u00a0", " ").split()
    if not tokens:
        raise ScheduleError("say when digests should be posted")

    destination_id = destination_name = None
    lowered = [t.lower() for t in tokens]
    if "to" in lowered:
        at = lowered.index("to")
        target = tokens[at + 1:]
        if len(target) != 1:
            raise ScheduleError("after `to`, name one channel such as #leadership")
        destination_id, destination_name = _parse_channel(target[0])
        tokens = tokens[:at]

    tz_name = None
    if tokens and tokens[-1].upper() in _ABBREVIATIONS and not _is_zone(tokens[-1]):
        raise ScheduleError(f"`{tokens[-1]}` is an abbreviation, not a timezone: use "
                            f"{_ABBREVIATIONS[tokens[-1].upper()]} (IANA names follow daylight saving time)")
    if tokens and _looks_like_timezone(tokens[-1]):
        tz_name = canonical_timezone(tokens.pop())
        if tz_name.upper() in ("UTC", "GMT"):
            tz_name = "UTC"

    if not tokens:
        raise ScheduleError("say when digests should be posted")
    tokens = _natural(tokens)
    head = tokens[0].lower()

    if head == "off":
        if len(tokens) > 1 or tz_name or destination_id:
            raise ScheduleError("`off` takes nothing after it")
        return Schedule(canonical="off", cron=None, words="off")

    if head in _SHORTHANDS:
        if len(tokens) != 1:
            raise ScheduleError(f"`{head}` takes no time")
        cron = _SHORTHANDS[head]
        canonical = head
    elif head in ("daily", "weekdays", "weekly", "monthly"):
        cron, canonical = _parse_words(head, tokens[1:])
    elif len(tokens) == 2 and _is_day_list(tokens[0]):
        cron, canonical = _parse_day_list(tokens[0], tokens[1])
    elif len(tokens) == 5 and all(re.fullmatch(r"[\d*/,\-]+", t) for t in tokens[:2]):
        cron = " ".join(t.lower() for t in tokens)
        canonical = cron
    elif len(tokens) != 5 and re.fullmatch(r"[\d*/,\-]+", tokens[0]):
        raise ScheduleError(f"a crontab has 5 fields (minute hour day month weekday), not {len(tokens)}")
    else:
        raise ScheduleError(f"I don't know the schedule `{' '.join(tokens)}`")

    _validate_cron(cron)
    trigger = ScheduleTrigger(cron, resolve_timezone(tz_name or "UTC"))
    if check_interval:
        _check_interval(trigger, cron)
    return Schedule(canonical=canonical, cron=cron, timezone=tz_name, destination_id=destination_id,
                    destination_name=destination_name, words=_words(cron))


def _parse_channel(token: str) -> tuple[str, str | None]:
    match = _CHANNEL_MENTION.match(token)
    if match:
        return match.group(1), (match.group(2) or None)
    if _CHANNEL_ID.match(token):
        return token, None
    if token.startswith("#"):
        raise ScheduleError(f"I can't tell which channel `{token}` is: pick it from Slack's # list so it becomes a link")
    raise ScheduleError(f"`{token}` is not a channel")


def _looks_like_timezone(token: str) -> bool:
    if token.upper() in ("UTC", "GMT"):
        return True
    if "/" in token:
        # `Europe/Berlin`, not a crontab step such as `*/2` or `mon-fri/2`
        area, _, rest = token.partition("/")
        return area[:1].isalpha() and not rest.isdigit()
    # abbreviations that are zone names too (CET, EST5EDT): only when typed in capitals, and only
    # real zones, so that `OFF`, `9AM` or a crontab's `MON` keep their meaning
    if not (token.isupper() and len(token) >= 3 and token.isalnum()):
        return False
    try:
        ZoneInfo(token)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


def _parse_time(token: str | None, what: str) -> tuple[int, int]:
    if token is None:
        raise ScheduleError(f"`{what}` needs a time such as 09:00")
    match = _TIME.match(token.lower())
    if not match:
        raise ScheduleError(f"`{token}` is not a time (use 24-hour HH:MM such as 09:00, or 9am)")
    hour, minute, half = int(match.group(1)), int(match.group(2) or 0), match.group(3)
    if half:
        if not 1 <= hour <= 12:
            raise ScheduleError(f"`{token}` is not a time")
        hour = hour % 12 + (12 if half == "pm" else 0)
    elif match.group(2) is None:
        raise ScheduleError(f"`{token}` is not a time (use HH:MM such as 09:00)")
    if hour > 23 or minute > 59:
        raise ScheduleError(f"`{token}` is not a time of day")
    return hour, minute


def _parse_words(head: str, rest: list[str]) -> tuple[str, str]:
    if head in ("daily", "weekdays"):
        if len(rest) != 1:
            raise ScheduleError(f"`{head}` takes one time, such as `{head} 09:00`")
        hour, minute = _parse_time(rest[0], head)
        dow = "*" if head == "daily" else "1-5"
        return f"{minute} {hour} * * {dow}", f"{head} {hour:02d}:{minute:02d}"
    if head == "weekly":
        if len(rest) != 2:
            raise ScheduleError("`weekly` takes a day and a time, such as `weekly mon 09:00`")
        day = _DAY_ALIASES.get(rest[0].lower())
        if day is None:
            raise ScheduleError(f"`{rest[0]}` is not a day of the week (mon, tue … sun)")
        hour, minute = _parse_time(rest[1], head)
        return f"{minute} {hour} * * {day}", f"weekly {DAY_NAMES[day]} {hour:02d}:{minute:02d}"
    # monthly
    if len(rest) != 2:
        raise ScheduleError("`monthly` takes a day of the month and a time, such as `monthly 1 09:00`")
    day_text = rest[0].lower().rstrip(".").removesuffix("st").removesuffix("nd").removesuffix("rd").removesuffix("th")
    if not day_text.isdigit() or not 1 <= int(day_text) <= 31:
        raise ScheduleError(f"`{rest[0]}` is not a day of the month (1–31)")
    hour, minute = _parse_time(rest[1], head)
    return f"{minute} {hour} {int(day_text)} * *", f"monthly {int(day_text)} {hour:02d}:{minute:02d}"


def _validate_cron(cron: str) -> None:
    minute, hour, day, month, dow = cron.split()
    for value, name in ((minute, "minute"), (hour, "hour"), (day, "day of month"), (month, "month")):
        if not re.fullmatch(r"[\w*/,\-]+", value):
            raise ScheduleError(f"bad {name} `{value}` in the crontab")
    _expand_day_of_week(dow)  # raises on a bad weekday field


def _expand_day_of_week(field: str) -> set[int] | None:
    """Cron's day-of-week field as a set of cron day numbers (0 = Sunday); None for `*`."""
    if field == "*":
        return None
    days: set[int] = set()
    for part in field.lower().split(","):
        step = 1
        if "/" in part:
            part, step_text = part.split("/", 1)
            if not step_text.isdigit() or int(step_text) == 0:
                raise ScheduleError(f"bad step `/{step_text}` in the weekday field")
            step = int(step_text)
        if part == "*":
            lo, hi = 0, 6
        elif "-" in part:
            a, b = part.split("-", 1)
            lo, hi = _day_number(a, end=False), _day_number(b, end=True)
            if lo > hi:
                raise ScheduleError(f"weekday range `{part}` runs backwards")
        else:
            lo = _day_number(part, end=False)
            hi = lo if step == 1 else 6  # cron: `1/2` means from 1 to the end, every 2nd
        days.update(d % 7 for d in range(lo, hi + 1, step))
    return days


def _day_number(text: str, *, end: bool) -> int:
    if text.isdigit():
        number = int(text)
        if number > 7:
            raise ScheduleError(f"weekday `{text}` is out of range (0–7, 0 and 7 are Sunday)")
        return number
    alias = _DAY_ALIASES.get(text)
    if alias is None:
        raise ScheduleError(f"`{text}` is not a day of the week")
    # `sat-sun`: Sunday at the end of a range is cron's 7
    return 7 if end and alias == 0 else alias


def _check_interval(trigger: ScheduleTrigger, cron: str) -> None:
    start = datetime(2030, 1, 1, tzinfo=UTC)
    times = fire_times(trigger, start, start + timedelta(days=3), limit=200)
    if any(b - a < MIN_INTERVAL for a, b in zip(times, times[1:], strict=False)):
        raise ScheduleError(f"`{cron}` would post more than one digest an hour")


# --- words ----------------------------------------------------------------------------------


def describe(schedule: Schedule, default_timezone: str = "UTC", *, with_destination: bool = True) -> str:
    """'Monday to Friday at 09:00 (Europe/Berlin)', plus ', posted in <#C…>' for a destination."""
    if schedule.off:
        return "off (no digests)"
    text = f"{schedule.words} ({schedule.timezone or default_timezone})"
    if with_destination and schedule.destination_id:
        text += f", posted in <#{schedule.destination_id}>"
    return text


def _words(cron: str) -> str:
    minute, hour, day, month, dow = cron.split()
    if not (minute.isdigit() and hour.isdigit() and month == "*"):
        return f"on the crontab schedule `{cron}`"
    at = f"at {int(hour):02d}:{int(minute):02d}"
    days = _expand_day_of_week(dow)
    if day == "*" and days is None:
        return f"every day {at}"
    if day != "*" and days is None:
        return f"on day {day} of every month {at}"
    if day == "*" and days is not None:
        return f"{_day_list(days)} {at}"
    # cron fires when either the day of the month or the weekday matches
    assert days is not None
    return f"on day {day} of the month and {_day_list(days)} {at}"


def _day_list(days: set[int]) -> str:
    ordered = sorted(days, key=lambda d: (d + 6) % 7)  # Monday first, as people read a week
    if ordered == [1, 2, 3, 4, 5]:
        return "Monday to Friday"
    if ordered == [1, 2, 3, 4, 5, 6, 0]:
        return "every day"
    if ordered == [6, 0]:
        return "Saturday and Sunday"
    names = [DAY_WORDS[d] for d in ordered]
    if len(names) == 1:
        return f"every {names[0]}"
    return "every " + ", ".join(names[:-1]) + " and " + names[-1]


def format_local(moment: datetime) -> str:
    """'Mon 2 Dec 2024, 09:00 CET' — a run time as people read it."""
    return f"{moment:%a} {moment.day} {moment:%b %Y, %H:%M} {moment.tzname() or ''}".rstrip()
