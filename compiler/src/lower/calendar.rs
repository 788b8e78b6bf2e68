//! Calendars as hours of operation.
//!
//! Connect has no calendar, but hours of operation can be overridden on given dates. A calendar
//! therefore becomes one or more *derived* hours of operation — open all week, closed on the
//! dates of the calendar entries they cover — and `check calendar` becomes a chain of
//! `CheckHoursOfOperation` actions, one per group of entries the statement names:
//!
//! | outcome written | derived hours (environment key) | closed on |
//! |---|---|---|
//! | `"年末年始休業"` | `JapanHolidays:年末年始休業` | entries with that reason |
//! | `holiday` | `JapanHolidays:holiday` | `holiday` entries |
//! | `closure` | `JapanHolidays:closure` | `closure` entries |
//! | `open` (entries left over) | `JapanHolidays` | every entry |
//!
//! Groups are tested in the order the outcomes are written, so the first one that names a
//! date wins, as everywhere else in the language. The derived hours use the time zone of the
//! first `hours` declaration that is `closed on` the calendar (UTC when none is).

use crate::hash::FastSet;
use crate::resolve::{Calendar, CalendarEntry, CalendarId, Model, OutcomeKind};
use crate::syntax::ast::Date;

/// Which entries of a calendar a derived hours of operation is closed on.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Group {
    /// Every entry.
    All,
    /// `holiday` entries.
    Holidays,
    /// `closure` entries.
    Closures,
    /// Entries with this reason.
    Reason(String),
}

impl Group {
    /// The group an outcome of `check calendar` names, if any.
    #[must_use]
    pub fn of_outcome(kind: &OutcomeKind) -> Option<Group> {
        match kind {
            OutcomeKind::Holiday => Some(Group::Holidays),
            OutcomeKind::Closure => Some(Group::Closures),
            OutcomeKind::Reason(r) => Some(Group::Reason(r.clone())),
            _ => None,
        }
    }

    /// Whether the group covers `entry`.
    #[must_use]
    pub fn covers(&self, entry: &CalendarEntry) -> bool {
        match self {
            Group::All => true,
            Group::Holidays => !entry.closure,
            Group::Closures => entry.closure,
            Group::Reason(r) => entry.reason.as_deref() == Some(r.as_str()),
        }
    }

    /// The logical name of the derived hours of operation (its key in `[hours]`).
    #[must_use]
    pub fn hours_name(&self, calendar: &str) -> String {
        match self {
            Group::All => calendar.to_owned(),
            Group::Holidays => format!("{calendar}:holiday"),
            Group::Closures => format!("{calendar}:closure"),
            Group::Reason(r) => format!("{calendar}:{r}"),
        }
    }
}

/// A derived hours of operation: open all week, closed on some calendar dates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DerivedHours {
    /// The logical name (`JapanHolidays:closure`).
    pub name: String,
    pub calendar: CalendarId,
    pub group: Group,
    /// IANA time zone.
    pub timezone: String,
    /// Closed date ranges (both ends included) with their reasons, in calendar order.
    pub closed: Vec<(Date, Date, Option<String>)>,
}

/// The groups a `check calendar` statement tests, in order, and whether they cover every entry
/// of the calendar (then `open` needs no final test of the whole calendar).
pub(crate) fn plan(calendar: &Calendar, written: &[OutcomeKind]) -> (Vec<Group>, bool) {
    let mut groups: Vec<Group> = Vec::new();
    for k in written {
        if let Some(g) = Group::of_outcome(k)
            && !groups.contains(&g)
        {
            groups.push(g);
        }
    }
    let covered = calendar
        .entries
        .iter()
        .all(|e| groups.iter().any(|g| g.covers(e)));
    (groups, covered)
}

/// Every derived hours of operation the flows of `model` test, sorted by name.
#[must_use]
pub fn derived_hours(model: &Model) -> Vec<DerivedHours> {
    let mut out: Vec<DerivedHours> = Vec::new();
    // Many statements test the same calendar: the names taken so far, to skip them at once.
    let mut taken: FastSet<String> = FastSet::default();
    for flow in &model.flows {
        for st in flow.steps.iter().flat_map(|s| &s.statements) {
            let crate::resolve::Action::CheckCalendar(id) = &st.action else {
                continue;
            };
            let cal = model.calendar(*id);
            let kinds: Vec<OutcomeKind> = st.outcomes.iter().map(|o| o.kind.clone()).collect();
            let (mut groups, covered) = plan(cal, &kinds);
            if !covered || groups.is_empty() {
                groups.push(Group::All);
            }
            for g in groups {
                let name = g.hours_name(&cal.name);
                if !taken.insert(name.clone()) {
                    continue;
                }
                out.push(DerivedHours {
                    name,
                    calendar: *id,
                    timezone: timezone_of(model, *id),
                    closed: cal
                        .entries
                        .iter()
                        .filter(|e| g.covers(e))
                        .map(|e| (e.from, e.to, e.reason.clone()))
                        .collect(),
                    group: g,
                });
            }
        }
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    out
}

/// The time zone of the first hours closed on the calendar, else UTC.
pub(crate) fn timezone_of(model: &Model, calendar: CalendarId) -> String {
    model
        .hours
        .iter()
        .find(|h| h.closed_on.contains(&calendar))
        .map_or_else(|| "UTC".to_owned(), |h| h.timezone.clone())
}
