//! Turns what a rule understood into a TIMEX3 value, anchored on the
//! article date. Without an anchor every function returns an unresolved
//! value (`XXXX-01-03`, `PAST_REF`) instead of guessing a date.

use newsgraph_core::TimexType;

use crate::civil::Date;
use crate::lexicon::Unit;

/// Which way the sentence points in time, from its verbs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tense {
    Past,
    Present,
    Future,
    Unknown,
}

/// What resolution may look at.
#[derive(Clone, Copy, Debug)]
pub struct Ctx {
    pub anchor: Option<Date>,
    pub tense: Tense,
    /// The tense that may move an unnamed year (see `tense::date_tense`).
    pub date_tense: Tense,
    /// The last quarter the document named: financial reports compare it
    /// with "a year ago", meaning the same quarter a year before.
    pub quarter: Option<Date>,
    /// The last date the text mentioned, with its granularity ("three days
    /// later" counts from it).
    pub reference: Option<(Date, Unit)>,
    /// Preceded by "nearly" or "almost": a little less than the amount.
    pub short_of: bool,
    /// The sentence reports a period of several months ("the first nine
    /// months"): "a year earlier" is then that period's year, not the quarter.
    pub part_year: bool,
}

/// A resolved expression, before its span is attached.
#[derive(Clone, Debug, PartialEq)]
pub struct Out {
    pub kind: TimexType,
    pub value: String,
    pub modifier: Option<&'static str>,
}

impl Out {
    pub fn date(value: impl Into<String>) -> Option<Out> {
        Some(Out { kind: TimexType::Date, value: value.into(), modifier: None })
    }
    pub fn time(value: impl Into<String>) -> Option<Out> {
        Some(Out { kind: TimexType::Time, value: value.into(), modifier: None })
    }
    pub fn duration(value: impl Into<String>) -> Option<Out> {
        Some(Out { kind: TimexType::Duration, value: value.into(), modifier: None })
    }
    pub fn set(value: impl Into<String>) -> Option<Out> {
        Some(Out { kind: TimexType::Set, value: value.into(), modifier: None })
    }
}

/// `date` written at the granularity of `unit`.
pub fn format_at(date: Date, unit: Unit) -> String {
    match unit {
        Unit::Second | Unit::Minute | Unit::Hour | Unit::Day => date.ymd(),
        Unit::Week => {
            let (year, week) = date.iso_week();
            format!("{year:04}-W{week:02}")
        }
        Unit::Weekend => {
            let (year, week) = date.iso_week();
            format!("{year:04}-W{week:02}-WE")
        }
        Unit::Month => format!("{:04}-{:02}", date.year, date.month),
        Unit::Quarter => format!("{:04}-Q{}", date.year, date.quarter()),
        Unit::Half => format!("{:04}-H{}", date.year, (date.month - 1) / 6 + 1),
        Unit::Year => format!("{:04}", date.year),
        Unit::Decade => format!("{:03}", date.year.div_euclid(10)),
        Unit::Century => format!("{:02}", date.year.div_euclid(100)),
    }
}

/// `date` moved by `n` units (weeks are 7 days, quarters 3 months...).
pub fn shift(date: Date, unit: Unit, n: i64) -> Date {
    match unit {
        Unit::Second | Unit::Minute | Unit::Hour => date,
        Unit::Day => date.add_days(n),
        Unit::Week | Unit::Weekend => date.add_days(7 * n),
        Unit::Month => date.add_months(n),
        Unit::Quarter => date.add_months(3 * n),
        Unit::Half => date.add_months(6 * n),
        Unit::Year => date.add_months(12 * n),
        Unit::Decade => date.add_months(120 * n),
        Unit::Century => date.add_months(1200 * n),
    }
}

/// `PAST_REF`, `PRESENT_REF` or `FUTURE_REF` for a direction.
pub fn reference_word(direction: i64) -> &'static str {
    match direction.signum() {
        -1 => "PAST_REF",
        1 => "FUTURE_REF",
        _ => "PRESENT_REF",
    }
}

/// The unit containing the anchor, moved by `offset` ("last week" is -1).
pub fn relative(ctx: &Ctx, unit: Unit, offset: i64) -> String {
    match ctx.anchor {
        Some(anchor) => format_at(shift(anchor, unit, offset), unit),
        None => reference_word(offset).to_string(),
    }
}

/// Larger amounts ("a million years ago") are left unresolved rather than
/// pushed through calendar arithmetic.
const MAX_STEPS: f64 = 10_000.0;

/// `n` units before (`direction` -1) or after (+1) `from`, at the unit's
/// granularity; fractions step in the next finer unit.
pub fn shifted(from: Option<Date>, n: Option<f64>, unit: Unit, direction: i64) -> String {
    let (Some(from), Some(n)) = (from, n.filter(|n| n.abs() <= MAX_STEPS)) else {
        return reference_word(direction).to_string();
    };
    let (unit, steps) = whole_steps(unit, n);
    format_at(shift(from, unit, direction * steps), unit)
}

fn whole_steps(unit: Unit, n: f64) -> (Unit, i64) {
    if n.fract() == 0.0 {
        return (unit, n as i64);
    }
    match unit {
        Unit::Year => (Unit::Month, (n * 12.0).round() as i64),
        Unit::Month => (Unit::Day, (n * 30.0).round() as i64),
        Unit::Week => (Unit::Day, (n * 7.0).round() as i64),
        _ => (unit, n.round() as i64),
    }
}

/// A TIMEX3 duration: `P3D`, `PT2H`, `P2Y6M`, `PXY` for vague amounts.
pub fn duration(n: Option<f64>, unit: Unit) -> String {
    let time = matches!(unit, Unit::Hour | Unit::Minute | Unit::Second);
    let prefix = if time { "PT" } else { "P" };
    let (letter, scale) = duration_letter(unit);
    let Some(n) = n else { return format!("{prefix}X{}", vague_letter(unit)) };
    let n = n * scale;
    if n.fract() == 0.0 {
        return format!("{prefix}{}{letter}", n as i64);
    }
    match fraction_split(unit, n) {
        Some(text) => format!("{prefix}{text}"),
        None => format!("{prefix}{n}{letter}"),
    }
}

fn duration_letter(unit: Unit) -> (&'static str, f64) {
    match unit {
        Unit::Second => ("S", 1.0),
        Unit::Minute => ("M", 1.0),
        Unit::Hour => ("H", 1.0),
        Unit::Day => ("D", 1.0),
        Unit::Weekend => ("D", 2.0),
        Unit::Week => ("W", 1.0),
        Unit::Month => ("M", 1.0),
        Unit::Quarter => ("Q", 1.0),
        Unit::Half => ("M", 6.0),
        Unit::Year => ("Y", 1.0),
        Unit::Decade => ("Y", 10.0),
        Unit::Century => ("Y", 100.0),
    }
}

fn vague_letter(unit: Unit) -> &'static str {
    match unit {
        Unit::Decade => "Y",
        Unit::Century => "E",
        Unit::Quarter => "Q",
        _ => duration_letter(unit).0,
    }
}

/// "2 1/2 years" is `P2Y6M`, "5 1/2 hours" `PT5H30M`.
fn fraction_split(unit: Unit, n: f64) -> Option<String> {
    let (big, small, per) = match unit {
        Unit::Year | Unit::Decade | Unit::Century => ("Y", "M", 12.0),
        Unit::Hour => ("H", "M", 60.0),
        Unit::Day => ("D", "H", 24.0),
        Unit::Minute => ("M", "S", 60.0),
        _ => return None,
    };
    let whole = n.trunc() as i64;
    let part = (n.fract() * per).round() as i64;
    Some(if whole == 0 { format!("{part}{small}") } else { format!("{whole}{big}{part}{small}") })
}

/// Year for a month/day with no year: the occurrence the tense points to
/// (future: on or after the anchor; past: on or before; else the nearest).
pub fn month_day(ctx: &Ctx, month: u32, day: u32) -> Option<String> {
    let Some(anchor) = ctx.anchor else {
        Date::new(2000, month, day)?;
        return Some(format!("XXXX-{month:02}-{day:02}"));
    };
    let candidates = (anchor.year - 1..=anchor.year + 1).filter_map(|y| Date::new(y, month, day));
    pick_date(ctx, anchor, candidates)
}

/// The candidate date the tense points to, on or before / after the anchor.
pub fn pick_date(ctx: &Ctx, anchor: Date, candidates: impl Iterator<Item = Date>) -> Option<String> {
    let pick = pick_by_tense(ctx.date_tense, anchor.to_days(), candidates.map(|d| (d.to_days(), d)))?;
    Some(pick.ymd())
}

/// Year for a month named alone, as for [`month_day`], month by month.
/// A month is a wider period than a day, so a past verb anywhere near
/// ("In March, the company received...") places it.
pub fn month_only(ctx: &Ctx, month: u32) -> String {
    let Some(anchor) = ctx.anchor else { return format!("XXXX-{month:02}") };
    let tense = if ctx.date_tense == Tense::Future { Tense::Future } else { ctx.tense };
    let here = i64::from(anchor.year) * 12 + i64::from(anchor.month);
    let candidates = (anchor.year - 1..=anchor.year + 1).map(|y| (i64::from(y) * 12 + i64::from(month), y));
    let year = pick_by_tense(tense, here, candidates).unwrap_or(anchor.year);
    format!("{year:04}-{month:02}")
}

/// Chooses among `(position, value)` candidates relative to `here`.
fn pick_by_tense<T: Copy>(tense: Tense, here: i64, candidates: impl Iterator<Item = (i64, T)>) -> Option<T> {
    let all: Vec<(i64, T)> = candidates.collect();
    let nearest = |items: &mut dyn Iterator<Item = &(i64, T)>| items.min_by_key(|(p, _)| (p - here).abs()).map(|c| c.1);
    let span = (all.last()?.0 - all.first()?.0) / 2;
    // The future rarely reaches almost a full cycle ahead: "by Jan. 14"
    // written on Jan. 15 is yesterday's deadline, not next year's.
    let ahead = nearest(&mut all.iter().filter(|(p, _)| *p >= here && *p - here <= span * 5 / 6));
    match tense {
        Tense::Future => ahead.or_else(|| nearest(&mut all.iter())),
        Tense::Past => nearest(&mut all.iter().filter(|(p, _)| *p <= here)),
        // News mostly reports what happened: with no tense to go by, a date
        // ahead must be clearly nearer than the one behind to win.
        Tense::Present | Tense::Unknown => {
            all.iter().min_by_key(|(p, _)| if *p > here { (p - here) * 3 / 2 } else { here - p }).map(|c| c.1)
        }
    }
}

/// A weekday named alone: `direction` -1 for "last", +1 for "next", 0 to
/// follow the tense (past by default, as news mostly reports).
pub fn weekday(ctx: &Ctx, weekday: u32, direction: i64) -> String {
    let Some(anchor) = ctx.anchor else { return format!("XXXX-WXX-{weekday}") };
    let today = i64::from(anchor.weekday());
    let back = (today - i64::from(weekday)).rem_euclid(7);
    let ahead = (i64::from(weekday) - today).rem_euclid(7);
    let offset = match (direction, ctx.tense) {
        (-1, _) => -(if back == 0 { 7 } else { back }),
        (1, _) => {
            if ahead == 0 {
                7
            } else {
                ahead
            }
        }
        (_, Tense::Future) => ahead,
        (_, Tense::Present) | (_, Tense::Unknown) if ahead < back && ahead <= 1 => ahead,
        _ => -back,
    };
    anchor.add_days(offset).ymd()
}

/// A named quarter of an unnamed year: the latest one not after the
/// anchor's quarter (reports look back), or the next one in future tense.
pub fn quarter(ctx: &Ctx, q: u32, year: Option<i32>) -> String {
    if let Some(year) = year {
        return format!("{year:04}-Q{q}");
    }
    let Some(anchor) = ctx.anchor else { return format!("XXXX-Q{q}") };
    let here = i64::from(anchor.year) * 4 + i64::from(anchor.quarter());
    let candidates = (anchor.year - 1..=anchor.year + 1).map(|y| (i64::from(y) * 4 + i64::from(q), y));
    // The future only reaches the next quarter: "third-quarter results are
    // expected" in October is about the quarter just ended.
    let next = candidates.clone().find(|(p, _)| *p == here + 1).filter(|_| ctx.tense == Tense::Future);
    let latest = candidates.filter(|(p, _)| *p <= here).max_by_key(|(p, _)| *p);
    let year = next.or(latest).map_or(anchor.year, |(_, y)| y);
    format!("{year:04}-Q{q}")
}

/// A season of an unnamed year, as for [`quarter`] but nearest by default.
pub fn season(ctx: &Ctx, code: &str, offset: i64) -> String {
    let Some(anchor) = ctx.anchor else { return format!("XXXX-{code}") };
    let tense = match offset {
        0 => ctx.tense,
        -1 => Tense::Past,
        _ => Tense::Future,
    };
    let year = season_year(tense, anchor, code);
    // "last summer" said in summer is the previous one; "next" likewise.
    let current = season_year(Tense::Unknown, anchor, code) == year && season_of(anchor) == code;
    let year = if current && offset != 0 { year + offset as i32 } else { year };
    format!("{year:04}-{code}")
}

fn season_of(date: Date) -> &'static str {
    match date.month {
        3..=5 => "SP",
        6..=8 => "SU",
        9..=11 => "FA",
        _ => "WI",
    }
}

fn season_year(tense: Tense, anchor: Date, code: &str) -> i32 {
    let start_month = match code {
        "SP" => 3,
        "SU" => 6,
        "FA" => 9,
        _ => 12,
    };
    if season_of(anchor) == code {
        return if code == "WI" && anchor.month <= 2 { anchor.year - 1 } else { anchor.year };
    }
    let later_this_year = start_month > anchor.month;
    match (tense, later_this_year) {
        (Tense::Past, true) => anchor.year - 1,
        (Tense::Future, false) => anchor.year + 1,
        _ => anchor.year,
    }
}

/// Clock time on a day: `2025-12-31T14:00`, or `XXXX-XX-XXT14:00`.
pub fn clock_on(day: Option<String>, (hour, minute): (u32, u32)) -> String {
    let day = day.unwrap_or_else(|| "XXXX-XX-XX".to_string());
    format!("{day}T{hour:02}:{minute:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx(anchor: &str, tense: Tense) -> Ctx {
        Ctx {
            anchor: Date::parse(anchor),
            tense,
            date_tense: tense,
            quarter: None,
            reference: None,
            short_of: false,
            part_year: false,
        }
    }

    #[test]
    fn granularities() {
        let d = Date::parse("2025-12-31").unwrap();
        assert_eq!(format_at(d, Unit::Week), "2026-W01");
        assert_eq!(format_at(d, Unit::Quarter), "2025-Q4");
        assert_eq!(format_at(d, Unit::Decade), "202");
        assert_eq!(format_at(d, Unit::Century), "20");
        assert_eq!(format_at(d, Unit::Half), "2025-H2");
    }

    #[test]
    fn durations() {
        assert_eq!(duration(Some(3.0), Unit::Day), "P3D");
        assert_eq!(duration(Some(2.0), Unit::Hour), "PT2H");
        assert_eq!(duration(Some(2.5), Unit::Year), "P2Y6M");
        assert_eq!(duration(Some(5.5), Unit::Hour), "PT5H30M");
        assert_eq!(duration(Some(4.0), Unit::Decade), "P40Y");
        assert_eq!(duration(None, Unit::Year), "PXY");
        assert_eq!(duration(Some(2.0), Unit::Quarter), "P2Q");
    }

    #[test]
    fn month_day_follows_tense_across_new_year() {
        assert_eq!(month_day(&ctx("2025-12-31", Tense::Future), 1, 3).unwrap(), "2026-01-03");
        assert_eq!(month_day(&ctx("2025-12-31", Tense::Unknown), 1, 3).unwrap(), "2026-01-03");
        assert_eq!(month_day(&ctx("2025-12-31", Tense::Past), 1, 3).unwrap(), "2025-01-03");
        assert_eq!(month_day(&ctx("2026-01-02", Tense::Past), 12, 30).unwrap(), "2025-12-30");
        assert_eq!(month_day(&ctx("2025-03-01", Tense::Past), 2, 29).unwrap(), "2024-02-29");
        assert_eq!(
            month_day(
                &Ctx {
                    anchor: None,
                    tense: Tense::Past,
                    date_tense: Tense::Past,
                    quarter: None,
                    reference: None,
                    short_of: false,
                    part_year: false
                },
                1,
                3
            )
            .unwrap(),
            "XXXX-01-03"
        );
    }

    #[test]
    fn weekdays_follow_direction_and_tense() {
        // 2025-12-31 is a Wednesday.
        let past = ctx("2025-12-31", Tense::Past);
        assert_eq!(weekday(&past, 5, 0), "2025-12-26");
        assert_eq!(weekday(&past, 3, 0), "2025-12-31");
        assert_eq!(weekday(&ctx("2025-12-31", Tense::Future), 5, 0), "2026-01-02");
        assert_eq!(weekday(&past, 3, -1), "2025-12-24");
        assert_eq!(weekday(&past, 1, 1), "2026-01-05");
    }

    #[test]
    fn quarters_and_seasons() {
        assert_eq!(quarter(&ctx("1989-10-25", Tense::Unknown), 3, None), "1989-Q3");
        assert_eq!(quarter(&ctx("1989-10-25", Tense::Unknown), 4, None), "1989-Q4");
        assert_eq!(quarter(&ctx("1989-02-25", Tense::Past), 4, None), "1988-Q4");
        assert_eq!(season(&ctx("1998-01-08", Tense::Past), "FA", -1), "1997-FA");
        assert_eq!(season(&ctx("1998-01-08", Tense::Future), "SU", 0), "1998-SU");
        assert_eq!(season(&ctx("1998-01-08", Tense::Unknown), "WI", 0), "1997-WI");
    }
}
