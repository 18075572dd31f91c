"""Danish working days, for deadlines: a deadline that falls on a Saturday, a Sunday or a public
holiday (helligdagsloven) moves to the next working day."""

import datetime

DAY = datetime.timedelta(days=1)


def easter_sunday(year):
    """Easter Sunday of the Gregorian calendar (the anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    m = (32 + 2 * e + 2 * i - h - k) % 7
    n = (a + 11 * h + 22 * m) // 451
    month, day = divmod(h + m - 7 * n + 114, 31)
    return datetime.date(year, month, day + 1)


def public_holidays(year):
    easter = easter_sunday(year)
    # Maundy Thursday, Good Friday, Easter Sunday and Monday, Ascension, Whit Sunday and Monday.
    days = {easter + datetime.timedelta(days=offset) for offset in (-3, -2, 0, 1, 39, 49, 50)}
    if year <= 2023:
        # Store bededag, abolished as a public holiday from 2024.
        days.add(easter + datetime.timedelta(days=26))
    return days | {
        datetime.date(year, 1, 1),
        datetime.date(year, 12, 25),
        datetime.date(year, 12, 26),
    }


def is_working_day(day):
    return day.weekday() < 5 and day not in public_holidays(day.year)


def working_day_on_or_after(day):
    while not is_working_day(day):
        day += DAY
    return day
