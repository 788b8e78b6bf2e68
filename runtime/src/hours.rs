//! Hours of operation and holiday calendars, given as data, evaluated at the simulated clock.
//!
//! A schedule is weekly opening ranges in a time zone, plus dated overrides: a holiday (closed
//! all day) or special hours. `CheckHoursOfOperation` asks [`HoursOfOperation::status`].

use jiff::Timestamp;
use jiff::civil::{Date, Weekday};
use jiff::tz::TimeZone;

/// A time range within one day, in minutes from midnight: `start..end` (`end` may be 1440).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimeRange {
    /// First open minute.
    pub start: u16,
    /// First closed minute after the range.
    pub end: u16,
}

impl TimeRange {
    /// Parses `09:00-18:00`.
    ///
    /// # Errors
    /// When the text is not two `HH:MM` times joined by `-`, or the end is not after the start.
    pub fn parse(text: &str) -> Result<Self, String> {
        let (a, b) = text
            .trim()
            .split_once('-')
            .ok_or_else(|| format!("expected `HH:MM-HH:MM`, found `{text}`"))?;
        let start = minutes(a)?;
        let end = minutes(b)?;
        if end <= start {
            return Err(format!("`{text}`: the end must be after the start"));
        }
        Ok(TimeRange { start, end })
    }

    fn contains(self, minute: u16) -> bool {
        self.start <= minute && minute < self.end
    }
}

fn minutes(t: &str) -> Result<u16, String> {
    let (h, m) = t
        .trim()
        .split_once(':')
        .ok_or_else(|| format!("expected `HH:MM`, found `{t}`"))?;
    let h: u16 = h.parse().map_err(|_| format!("bad hour in `{t}`"))?;
    let m: u16 = m.parse().map_err(|_| format!("bad minute in `{t}`"))?;
    if h > 24 || m > 59 || (h == 24 && m > 0) {
        return Err(format!("`{t}` is not a time of day"));
    }
    Ok(h * 60 + m)
}

/// A dated exception to the weekly hours: closed (no ranges) or special hours.
#[derive(Debug, Clone, PartialEq)]
pub struct HoursOverride {
    /// Why (for example `元日` or `year-end closure`); shown in the trace.
    pub name: String,
    /// First day.
    pub from: Date,
    /// Last day (inclusive).
    pub to: Date,
    /// Opening ranges on those days; empty means closed all day.
    pub hours: Vec<TimeRange>,
}

/// One hours-of-operation resource.
#[derive(Debug, Clone, PartialEq)]
pub struct HoursOfOperation {
    /// Its id, ARN or name: any of these matches `HoursOfOperationId` (see [`crate::world::matches_id`]).
    pub id: String,
    /// IANA time zone, for example `Asia/Tokyo`.
    pub time_zone: String,
    /// Opening ranges per weekday, Monday first.
    pub weekly: [Vec<TimeRange>; 7],
    /// Holidays and special hours; the first one covering the date wins.
    pub overrides: Vec<HoursOverride>,
}

/// Whether a schedule is open, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HoursStatus {
    /// Open now.
    pub open: bool,
    /// The override that decided, if any (a holiday name).
    pub reason: Option<String>,
}

impl HoursOfOperation {
    /// Always open (the default for schedules a world does not describe).
    #[must_use]
    pub fn always_open(id: impl Into<String>) -> Self {
        let all = vec![TimeRange {
            start: 0,
            end: 1440,
        }];
        Self {
            id: id.into(),
            time_zone: "UTC".to_owned(),
            weekly: std::array::from_fn(|_| all.clone()),
            overrides: Vec::new(),
        }
    }

    /// Parses a weekly schedule such as `mon-fri 09:00-18:00; sat 10:00-14:00` (days without
    /// an entry are closed; several ranges per day are separated by `,`).
    ///
    /// # Errors
    /// When a day name, range or time zone is not understood.
    pub fn parse(id: &str, time_zone: &str, text: &str) -> Result<Self, String> {
        if TimeZone::get(time_zone).is_err() {
            return Err(format!("unknown time zone `{time_zone}`"));
        }
        let mut weekly: [Vec<TimeRange>; 7] = Default::default();
        for part in text.split(';').map(str::trim).filter(|p| !p.is_empty()) {
            let (days, ranges) = part
                .split_once(char::is_whitespace)
                .ok_or_else(|| format!("expected `DAYS HH:MM-HH:MM`, found `{part}`"))?;
            let (first, last) = match days.split_once('-') {
                Some((a, b)) => (day(a)?, day(b)?),
                None => (day(days)?, day(days)?),
            };
            let mut d = first;
            loop {
                for r in ranges.split(',') {
                    weekly[d].push(TimeRange::parse(r)?);
                }
                if d == last {
                    break;
                }
                d = (d + 1) % 7;
            }
        }
        Ok(Self {
            id: id.to_owned(),
            time_zone: time_zone.to_owned(),
            weekly,
            overrides: Vec::new(),
        })
    }

    /// Adds a closed day (a holiday).
    #[must_use]
    pub fn closed_on(mut self, date: Date, name: impl Into<String>) -> Self {
        self.overrides.push(HoursOverride {
            name: name.into(),
            from: date,
            to: date,
            hours: Vec::new(),
        });
        self
    }

    /// Adds every day of a calendar as a closed day.
    #[must_use]
    pub fn with_calendar(mut self, calendar: &Calendar) -> Self {
        for (date, name) in &calendar.days {
            self = self.closed_on(*date, name.clone());
        }
        self
    }

    /// Open or closed at `now`.
    #[must_use]
    pub fn status(&self, now: Timestamp) -> HoursStatus {
        let tz = TimeZone::get(&self.time_zone).unwrap_or(TimeZone::UTC);
        let local = now.to_zoned(tz);
        let date = local.date();
        let minute =
            u16::try_from(i32::from(local.hour()) * 60 + i32::from(local.minute())).unwrap_or(0);
        for o in &self.overrides {
            if o.from <= date && date <= o.to {
                return HoursStatus {
                    open: o.hours.iter().any(|r| r.contains(minute)),
                    reason: Some(o.name.clone()),
                };
            }
        }
        let wd = weekday_index(date.weekday());
        HoursStatus {
            open: self.weekly[wd].iter().any(|r| r.contains(minute)),
            reason: None,
        }
    }
}

fn weekday_index(w: Weekday) -> usize {
    usize::try_from(w.to_monday_zero_offset()).unwrap_or(0)
}

fn day(name: &str) -> Result<usize, String> {
    let n = name.trim().to_ascii_lowercase();
    let i = match n.get(..3).unwrap_or(&n) {
        "mon" | "月" => 0,
        "tue" => 1,
        "wed" => 2,
        "thu" => 3,
        "fri" => 4,
        "sat" => 5,
        "sun" => 6,
        _ => return Err(format!("unknown day `{name}` (use mon, tue, … sun)")),
    };
    Ok(i)
}

/// A calendar of closed days (public holidays, year-end closure).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Calendar {
    /// The calendar's name.
    pub name: String,
    /// Closed days with their names, in order.
    pub days: Vec<(Date, String)>,
}

impl Calendar {
    /// Parses lines `YYYY-MM-DD name` (blank lines and `#` comments are skipped); a range
    /// `YYYY-MM-DD..YYYY-MM-DD name` adds every day of it.
    ///
    /// # Errors
    /// When a date does not parse.
    pub fn parse(name: &str, text: &str) -> Result<Self, String> {
        let mut days = Vec::new();
        for line in text.lines().map(str::trim) {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (when, what) = line.split_once(char::is_whitespace).unwrap_or((line, ""));
            let (a, b) = when.split_once("..").unwrap_or((when, when));
            let from: Date = a.parse().map_err(|e| format!("`{a}`: {e}"))?;
            let to: Date = b.parse().map_err(|e| format!("`{b}`: {e}"))?;
            let mut d = from;
            let mut guard = 0;
            while d <= to && guard < 366 {
                days.push((d, what.trim().to_owned()));
                match d.tomorrow() {
                    Ok(n) => d = n,
                    Err(_) => break,
                }
                guard += 1;
            }
        }
        Ok(Self {
            name: name.to_owned(),
            days,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> Timestamp {
        s.parse().expect("timestamp")
    }

    #[test]
    fn weekly_hours_and_holidays_in_the_schedule_time_zone() {
        let cal = Calendar::parse(
            "jp",
            "2026-11-23 勤労感謝の日\n2026-12-29..2027-01-03 年末年始",
        )
        .expect("calendar");
        assert_eq!(cal.days.len(), 7);
        let h =
            HoursOfOperation::parse("main", "Asia/Tokyo", "mon-fri 09:00-18:00; sat 10:00-14:00")
                .expect("hours")
                .with_calendar(&cal);
        // Tuesday 2026-11-24 10:00 JST = 01:00 UTC.
        assert!(h.status(at("2026-11-24T01:00:00Z")).open);
        // 19:00 JST: closed.
        assert!(!h.status(at("2026-11-24T10:00:00Z")).open);
        // Monday 2026-11-23 is a holiday.
        let s = h.status(at("2026-11-23T01:00:00Z"));
        assert!(!s.open);
        assert_eq!(s.reason.as_deref(), Some("勤労感謝の日"));
        // Sunday closed.
        assert!(!h.status(at("2026-11-22T02:00:00Z")).open);
        assert!(HoursOfOperation::parse("x", "Mars/Base", "mon 09:00-10:00").is_err());
        assert!(HoursOfOperation::parse("x", "UTC", "xyz 09:00-10:00").is_err());
        assert!(HoursOfOperation::parse("x", "UTC", "mon 10:00-09:00").is_err());
    }
}
