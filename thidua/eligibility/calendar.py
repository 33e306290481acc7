"""Working days: public-posting windows and deadlines (Saturdays and Sundays are off).

Vietnamese public holidays, Tết and substitute days come from the `holidays` package; an
organisation adds its own days off and make-up working days through the policy.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

import holidays


@lru_cache(maxsize=64)
def national_holidays(year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("VN", years=year))


class WorkCalendar:
    def __init__(self, extra_holidays: Iterable[date] = (), extra_workdays: Iterable[date] = ()):
        self.extra_holidays = frozenset(extra_holidays)
        self.extra_workdays = frozenset(extra_workdays)

    @classmethod
    def of(cls, policy: Any) -> WorkCalendar:
        """The calendar of a Policy (or anything with its days-off settings)."""
        return cls(policy.extra_holidays, policy.extra_workdays)

    def is_working_day(self, day: date) -> bool:
        if day in self.extra_workdays:
            return True
        if day.weekday() >= 5 or day in self.extra_holidays:
            return False
        return day not in national_holidays(day.year)

    def window_end(self, start: date, days: int, *, start_counts: bool = True) -> date:
        """The last day of a window of `days` working days opening on `start`."""
        day = start if start_counts else start + timedelta(days=1)
        counted = 0
        while True:
            if self.is_working_day(day):
                counted += 1
                if counted == days:
                    return day
            day += timedelta(days=1)

    def working_days(self, start: date, end: date) -> int:
        """Working days from `start` to `end`, both included."""
        count, day = 0, start
        while day <= end:
            count += self.is_working_day(day)
            day += timedelta(days=1)
        return count
