//! The grammar: patterns over sub-tokens (see [`crate::pattern`]) and the
//! action that turns each match into a TIMEX3 type and value. Longer
//! matches win; on equal length the rule listed first wins. A pattern
//! starting with `!` only applies after a modifier ("the end of the year").

use crate::civil::Date;
use crate::lexicon::Unit;
use crate::pattern::Caps;
use crate::resolve::{self, clock_on, duration, relative, shifted, Ctx, Out, Tense};

pub type Action = fn(&Caps, &Ctx) -> Option<Out>;

/// All rules, in priority order.
pub fn rules() -> Vec<(&'static str, Action)> {
    let mut all = look_alikes();
    all.extend(calendar_dates());
    all.extend(named_periods());
    all.extend(relative_dates());
    all.extend(durations());
    all.extend(clock_times());
    all.extend(references_and_sets());
    all
}

/// Phrases that look temporal but are not: they are consumed and dropped.
fn look_alikes() -> Vec<(&'static str, Action)> {
    vec![
        // Ages: "a 6-year-old boy", "a years-old slump".
        ("@num -? @unit -? old", block),
        ("@unit - old", block),
        // Fractions: "three-quarters of", "one-half share".
        ("@num - quarters|quarter|half", block),
        ("may i|we|you|he|she|they|it", block),
        // A named march, not the month: "the annual March for Life".
        ("the|annual|a @month for|of", block),
        // Generic "today's youth", "in today's world".
        ("~in|of|for today|tomorrow 's", block),
        // "average daily volume", "quarter-to-quarter comparison": a rate or
        // a comparison, not a time.
        ("average daily|weekly|monthly", block),
        ("@unit - to - @unit", block),
    ]
}

fn calendar_dates() -> Vec<(&'static str, Action)> {
    vec![
        ("@numdate", full_date),
        ("@wd ,? @month @day ,? @year", full_date),
        ("@month @day ,? @year", full_date),
        ("@wd ,? @day @month ,? @year", full_date),
        ("@day @month ,? @year", full_date),
        ("the? @ord of @month ,? @year", full_date),
        ("@wd ,? @month @day", month_day),
        ("last|next|this|past|coming @month @day", month_day_relative),
        ("@month @day", month_day),
        ("@day @month", month_day),
        ("the? @ord of @month", month_day),
        ("@month ,? @year", month_year),
        ("@month this|last|next year", month_of_relative_year),
        ("@month of @year", month_year),
        ("last|next|this|that|past|coming @month", month_relative),
        ("@month", month_alone),
        ("@holiday ,? @year?", holiday),
        ("last|next|this @holiday", holiday),
        ("fiscal|fy year? @year", year),
        ("the? year @year", year),
        ("calendar year? @year", year),
        ("@year", year),
    ]
}

fn named_periods() -> Vec<(&'static str, Action)> {
    vec![
        ("the? @decade", decade),
        ("the? @ord -? century", century),
        // "of" belongs to the quarter only before a year ("the third quarter
        // of 1989", not "a loss for the third quarter of $2 million"); in a
        // hyphenated premodifier ("the third-quarter loss") the article
        // belongs to the noun.
        ("the? fiscal? @ord quarter", quarter),
        ("the? fiscal? @ord -? quarter of? @year", quarter),
        ("fiscal? @ord - quarter", quarter),
        ("the? @year @ord -? quarter", quarter),
        ("the? @year fiscal? @ord -? quarter", quarter),
        ("this|last|next year 's @ord -? quarter", quarter_of_relative_year),
        ("q1|q2|q3|q4 @year?", quarter_code),
        ("the? fiscal? @ord half", half),
        ("the? fiscal? @ord -? half of? @year", half),
        ("fiscal? @ord - half", half),
        ("the? last|latter half of @year", |c, ctx| half(&Caps { ord: Some(2), ..c.clone() }, ctx)),
        ("h1|h2 @year?", half_code),
        ("the? @season of? @year", season_year),
        ("the|this|last|next|past|coming @season", season_relative),
        ("~in|during|since|until|by @season", season_relative),
        // "in the early summer", "late spring".
        ("!@season", season_relative),
        ("the? weekend", weekend),
        ("the? latest|fiscal? quarter ~ended|ending ~@month ~@day", quarter_ended),
        ("the? latest|last|previous|past|current|this|same|coming|next quarter", quarter_relative),
        ("the quarter", quarter_relative),
        ("the week of @month @day", week_of),
        ("the latest|comparable period", quarter_relative),
        ("the? full|whole|entire|current|calendar @unit", unit_relative),
        ("the year ~ended|ending", fiscal_year),
        ("the year", |_, ctx| Out::date(relative(ctx, Unit::Year, 0))),
        ("year -|'s? end", year_end),
        ("the? comparable|corresponding? year - ago|earlier quarter|period", quarter_year_ago),
        // "the year-earlier nine months": a span (TimeBank), a year back.
        ("the? year - ago|earlier @num @unit", span_duration),
        ("the? comparable|corresponding period|quarter last year", quarter_year_ago),
        ("the? comparable|corresponding period|quarter a year ago|earlier", quarter_year_ago),
        ("last year 's quarter|period", quarter_year_ago),
        ("the quarter|period a year ago|earlier", quarter_year_ago),
        ("the? year - ago|earlier @ord quarter", quarter_of_previous_year),
        ("the @year period|quarter", year_period),
        ("the? fiscal year", fiscal_year),
        ("the? current|this|latest|last|previous|next|coming fiscal year", fiscal_year_relative),
    ]
}

fn relative_dates() -> Vec<(&'static str, Action)> {
    vec![
        ("today|yesterday|tomorrow", day_word),
        ("today|yesterday|tomorrow|tonight @part", day_part),
        ("tonight", day_part),
        ("this|last|tomorrow|yesterday @part", day_part),
        // "by mid-afternoon", "early morning yesterday".
        ("!@part today|yesterday|tomorrow?", part_of_day),
        ("the day before|after yesterday|tomorrow", day_after_before),
        ("the previous|preceding|following @wd", weekday_from_reference),
        ("last|next|this|coming|past|previous @wd", weekday),
        ("the? @wd @part", weekday_part),
        ("@wd", weekday),
        ("the? last|past|previous|next|coming|current|this|upcoming @unit", unit_relative),
        ("that @unit", unit_reference),
        ("the same @unit", unit_reference),
        ("!the|this @unit", unit_relative),
        ("the? following|next|previous|preceding day|morning|week|month|year", unit_after_reference),
        // "three days after the vote": TimeML leaves "after" / "before" out
        // as a signal; the amount is a DURATION (see `durations`).
        ("@num -? @unit or? so? ago|earlier|later|hence|back", ago),
        ("a|an|one -? @unit or? so? ago|earlier|later|hence|back", ago_one),
        // "the year-ago results", "a year-earlier loss": the article
        // belongs to the noun the hyphenated word modifies.
        ("~the|a|an @unit - ago|earlier", ago_one),
        ("@unit - ago|earlier", ago_one),
        ("@num -? @unit from now", ago),
        ("a|an|one @unit from now", ago_one),
        ("a? few|several|many|some @unit ago|earlier|later", ago_vague),
        ("@unit ago|earlier", ago_vague),
    ]
}

fn durations() -> Vec<(&'static str, Action)> {
    vec![
        ("the? last|past|next|coming|following|first|final|previous|latest @num -? @unit", span_duration),
        ("the? last|past|next|coming|following|first|final|previous|latest few|several|many @unit", vague_duration),
        // "the nine months"; but in "the two day rally" the singular unit
        // makes the amount a premodifier and the article the noun's.
        ("the @num @unit", |c, ctx| if c.plural { span_duration(c, ctx) } else { None }),
        ("@num -? @unit", span_duration),
        ("@num more @unit", span_duration),
        ("a|an|one -? @unit", one_unit),
        ("a|an|one @unit and a half", one_and_half),
        ("half a|an @unit", half_unit),
        ("a few|couple @unit", vague_duration),
        ("a couple of @unit", vague_duration),
        ("@vague @unit", vague_duration),
        ("@unit - long", one_unit),
        ("~over|within|for recent? @unit", vague_duration),
        ("the? coming|recent @unit", coming_or_recent),
        ("the @unit ahead", vague_duration),
        ("the? next|past|last|first couple of @unit", couple_duration),
        ("a while|long time", vague_any),
    ]
}

fn clock_times() -> Vec<(&'static str, Action)> {
    vec![
        ("@clock @zone? on? @wd", clock_weekday),
        ("@wd at? @clock @zone?", clock_weekday),
        ("@clock @zone? today|yesterday|tomorrow|tonight", clock_day_word),
        ("@clock @zone? ,? @month @day", clock_month_day),
        ("@clock @zone?", clock_today),
        ("@num in the morning|afternoon|evening|night", clock_in_part),
    ]
}

fn references_and_sets() -> Vec<(&'static str, Action)> {
    vec![
        ("now|currently|presently|nowadays|current", |_, _| Out::date("PRESENT_REF")),
        ("the present", |_, _| Out::date("PRESENT_REF")),
        ("these days", |_, _| Out::date("PRESENT_REF")),
        ("recently|lately", |_, _| Out::date("PAST_REF")),
        ("the past", |_, _| Out::date("PAST_REF")),
        ("the near|foreseeable|distant? future", |_, _| Out::date("FUTURE_REF")),
        ("~in future", |_, _| Out::date("FUTURE_REF")),
        ("as soon as possible", |_, _| Out::date("FUTURE_REF")),
        ("the near|short term", |_, _| Out::date("FUTURE_REF")),
        // "Islam will one day be ...": some day to come, not a duration.
        ("~will|would|could|might|may|can|he|she|they|we one day", |_, _| Out::date("FUTURE_REF")),
        ("daily|weekly|monthly|yearly|hourly|nightly", adverb_set),
        ("every|each other? @unit", every_unit),
        ("every|each @num @unit", every_unit),
        ("every|each @wd", every_weekday),
        ("every|each @month", |c, _| Out::set(format!("XXXX-{:02}", c.month?))),
        ("every|each @part", every_part),
        ("once|twice|thrice a|an|per @unit", every_unit),
        ("~times a|an|per @unit", every_unit),
        ("~@num a|an|per @unit", every_one),
        ("~million|billion|cents|percent|% a|an|per @unit", every_one),
        ("per @unit", every_unit),
    ]
}

// ---- calendar dates -------------------------------------------------------

fn full_date(c: &Caps, _: &Ctx) -> Option<Out> {
    let date = Date::new(c.year?, c.month?, c.day.or(c.ord)?)?;
    Out::date(date.ymd())
}

/// A month and day; a weekday named with them ("Monday, Oct. 26") picks
/// the year in which they agree.
fn month_day(c: &Caps, ctx: &Ctx) -> Option<Out> {
    let (month, day) = (c.month?, c.day.or(c.ord)?);
    if let (Some(weekday), Some(anchor)) = (c.weekday, ctx.anchor) {
        let agreeing = (anchor.year - 1..=anchor.year + 1)
            .filter_map(|y| Date::new(y, month, day))
            .filter(|d| d.weekday() == weekday)
            .min_by_key(|d| (d.to_days() - anchor.to_days()).abs());
        if let Some(date) = agreeing {
            return Out::date(date.ymd());
        }
    }
    Out::date(resolve::month_day(ctx, month, day)?)
}

/// "last Oct. 23", "next March 4": the word, not the verbs, says which
/// side of the anchor the day lies on.
fn month_day_relative(c: &Caps, ctx: &Ctx) -> Option<Out> {
    let date_tense = match direction(c) {
        -1 => Tense::Past,
        1 => Tense::Future,
        _ => ctx.date_tense,
    };
    month_day(c, &Ctx { date_tense, ..*ctx })
}

fn month_year(c: &Caps, _: &Ctx) -> Option<Out> {
    Out::date(format!("{:04}-{:02}", c.year?, c.month?))
}

fn month_alone(c: &Caps, ctx: &Ctx) -> Option<Out> {
    if c.month_abbreviation {
        return None;
    }
    Out::date(resolve::month_only(ctx, c.month?))
}

/// "January this year", "April next year".
fn month_of_relative_year(c: &Caps, ctx: &Ctx) -> Option<Out> {
    let month = c.month?;
    Out::date(match ctx.anchor {
        Some(anchor) => format!("{:04}-{month:02}", anchor.year + direction(c) as i32),
        None => format!("XXXX-{month:02}"),
    })
}

/// Consumes a phrase that looks temporal but is not ("a 6-year-old").
fn block(_: &Caps, _: &Ctx) -> Option<Out> {
    Some(Out { kind: newsgraph_core::TimexType::Date, value: String::new(), modifier: None })
}

/// "last November" is the latest November before this month; "next" the
/// first after it; "this" the one of the anchor's year.
fn month_relative(c: &Caps, ctx: &Ctx) -> Option<Out> {
    let month = c.month?;
    let Some(anchor) = ctx.anchor else { return Out::date(format!("XXXX-{month:02}")) };
    let year = match direction(c) {
        -1 if month >= anchor.month => anchor.year - 1,
        1 if month <= anchor.month => anchor.year + 1,
        _ => anchor.year,
    };
    Out::date(format!("{year:04}-{month:02}"))
}

fn holiday(c: &Caps, ctx: &Ctx) -> Option<Out> {
    let code = c.holiday?;
    if let Some(year) = c.year {
        return Out::date(holiday_in(code, year)?.ymd());
    }
    let Some(anchor) = ctx.anchor else { return Out::date(format!("XXXX-{code}")).filter(|_| code.contains('-')) };
    let dir = direction(c);
    if dir != 0 {
        return Out::date(holiday_in(code, anchor.year + dir as i32)?.ymd());
    }
    let candidates = (anchor.year - 1..=anchor.year + 1).filter_map(|y| holiday_in(code, y));
    Out::date(resolve::pick_date(ctx, anchor, candidates)?)
}

fn holiday_in(code: &str, year: i32) -> Option<Date> {
    match code {
        "thanksgiving" => nth_weekday(year, 11, 4, 4),
        "election" => nth_weekday(year, 11, 1, 1).map(|d| d.add_days(1)),
        "labor" => nth_weekday(year, 9, 1, 1),
        "memorial" => last_weekday(year, 5, 1),
        fixed => Date::parse(&format!("{year:04}-{fixed}")),
    }
}

/// The `n`-th `weekday` (1 = Monday) of a month.
fn nth_weekday(year: i32, month: u32, weekday: u32, n: u32) -> Option<Date> {
    let first = Date::new(year, month, 1)?;
    let offset = (i64::from(weekday) - i64::from(first.weekday())).rem_euclid(7);
    Some(first.add_days(offset + 7 * (i64::from(n) - 1)))
}

fn last_weekday(year: i32, month: u32, weekday: u32) -> Option<Date> {
    let last = Date::new(year, month, crate::civil::days_in_month(year, month))?;
    let back = (i64::from(last.weekday()) - i64::from(weekday)).rem_euclid(7);
    Some(last.add_days(-back))
}

fn year(c: &Caps, _: &Ctx) -> Option<Out> {
    Out::date(format!("{:04}", c.year?))
}

// ---- named periods ---------------------------------------------------------

/// A decade is its first three digits: `199` (TIMEX3).
fn decade(c: &Caps, _: &Ctx) -> Option<Out> {
    Out::date(format!("{:03}", c.decade?))
}

fn century(c: &Caps, _: &Ctx) -> Option<Out> {
    let ord = c.ord.filter(|n| (1..=30).contains(n))?;
    Out::date(format!("{:02}", ord - 1))
}

fn quarter(c: &Caps, ctx: &Ctx) -> Option<Out> {
    let q = c.ord.filter(|q| (1..=4).contains(q))?;
    Out::date(resolve::quarter(ctx, q, c.year))
}

fn quarter_of_relative_year(c: &Caps, ctx: &Ctx) -> Option<Out> {
    let q = c.ord.filter(|q| (1..=4).contains(q))?;
    let year = ctx.anchor.map(|a| a.year + direction(c) as i32);
    Out::date(match year {
        Some(year) => format!("{year:04}-Q{q}"),
        None => format!("XXXX-Q{q}"),
    })
}

fn quarter_code(c: &Caps, ctx: &Ctx) -> Option<Out> {
    let q = c.words.first()?.strip_prefix('q')?.parse().ok()?;
    Out::date(resolve::quarter(ctx, q, c.year))
}

fn half(c: &Caps, ctx: &Ctx) -> Option<Out> {
    let h = c.ord.filter(|h| (1..=2).contains(h))?;
    let year = c.year.or(ctx.anchor.map(|a| a.year));
    Out::date(match year {
        Some(year) => format!("{year:04}-H{h}"),
        None => format!("XXXX-H{h}"),
    })
}

fn half_code(c: &Caps, ctx: &Ctx) -> Option<Out> {
    let h = c.words.first()?.strip_prefix('h')?.parse().ok()?;
    half(&Caps { ord: Some(h), ..c.clone() }, ctx)
}

fn season_year(c: &Caps, _: &Ctx) -> Option<Out> {
    Out::date(format!("{:04}-{}", c.year?, c.season?))
}

fn season_relative(c: &Caps, ctx: &Ctx) -> Option<Out> {
    let season = c.season?;
    // "this past spring" is the latest spring; "last spring" (TimeBank) the
    // previous year's, like "last year".
    match ctx.anchor {
        Some(anchor) if c.has("this") => Out::date(format!("{:04}-{season}", anchor.year)),
        Some(anchor) if c.has("last") => Out::date(format!("{:04}-{season}", anchor.year - 1)),
        Some(anchor) if c.has("next") => Out::date(format!("{:04}-{season}", anchor.year + 1)),
        _ => Out::date(resolve::season(ctx, season, direction(c))),
    }
}

fn weekend(c: &Caps, ctx: &Ctx) -> Option<Out> {
    let offset = if ctx.tense == Tense::Past && direction(c) == 0 { -1 } else { direction(c) };
    Out::date(relative(ctx, Unit::Weekend, offset))
}

/// "the latest quarter" is the last one reported, before the anchor's.
fn quarter_relative(c: &Caps, ctx: &Ctx) -> Option<Out> {
    let offset = match c.words.get(c.words.len().wrapping_sub(2)).map(String::as_str) {
        Some("current" | "this" | "same") => 0,
        Some("coming" | "next") => 1,
        _ => -1,
    };
    Out::date(relative(ctx, Unit::Quarter, offset))
}

fn quarter_of_previous_year(c: &Caps, ctx: &Ctx) -> Option<Out> {
    let q = c.ord.filter(|q| (1..=4).contains(q))?;
    Out::date(match ctx.anchor {
        Some(anchor) => format!("{:04}-Q{q}", anchor.year - 1),
        None => format!("XXXX-Q{q}"),
    })
}

/// "the 1988 quarter" is the reported quarter of that year; "the 1989
/// period" TimeBank mostly gives as the year.
fn year_period(c: &Caps, ctx: &Ctx) -> Option<Out> {
    let year = c.year?;
    match ctx.quarter {
        Some(quarter) if c.has("quarter") => Out::date(format!("{year:04}-Q{}", quarter.quarter())),
        _ => Out::date(format!("{year:04}")),
    }
}

/// "the quarter ended July 31": the quarter that mostly lies before that
/// day (fiscal quarters end a month or two after calendar ones).
fn quarter_ended(c: &Caps, ctx: &Ctx) -> Option<Out> {
    if ctx.anchor.is_none() {
        return Out::date("XXXX-QX");
    }
    let (month, day) = (c.month?, c.day?);
    let past = Ctx { date_tense: Tense::Past, ..*ctx };
    let end = Date::parse(&resolve::month_day(&past, month, day)?)?;
    let middle = end.add_days(-45);
    Out::date(format!("{:04}-Q{}", middle.year, middle.quarter()))
}

/// "the year-ago period": the quarter under report, a year before the anchor's year.
fn quarter_year_ago(_: &Caps, ctx: &Ctx) -> Option<Out> {
    if ctx.part_year {
        return Out::date(relative(ctx, Unit::Year, -1));
    }
    match (ctx.quarter, ctx.anchor) {
        (Some(quarter), Some(anchor)) => Out::date(format!("{:04}-Q{}", anchor.year - 1, quarter.quarter())),
        _ => Out::date(relative(ctx, Unit::Quarter, -5)),
    }
}

/// "year-end", "year's end": the anchor's year, its end.
fn year_end(_: &Caps, ctx: &Ctx) -> Option<Out> {
    let mut out = Out::date(relative(ctx, Unit::Year, 0))?;
    out.modifier = Some("END");
    Some(out)
}

/// "the current fiscal year", "the latest fiscal year" (the last one closed).
fn fiscal_year_relative(c: &Caps, ctx: &Ctx) -> Option<Out> {
    let offset = if c.has("latest") { -1 } else { direction(c) };
    Out::date(relative(ctx, Unit::Year, offset))
}

fn fiscal_year(_: &Caps, _: &Ctx) -> Option<Out> {
    Out::duration("P1Y")
}

// ---- relative dates --------------------------------------------------------

/// -1 for "last", +1 for "next", 0 otherwise.
fn direction(c: &Caps) -> i64 {
    for word in &c.words {
        match word.as_str() {
            "last" | "past" | "previous" | "preceding" | "ago" | "earlier" | "before" | "back" => return -1,
            "next" | "coming" | "following" | "upcoming" | "later" | "after" | "hence" | "from" => return 1,
            _ => {}
        }
    }
    0
}

fn day_word(c: &Caps, ctx: &Ctx) -> Option<Out> {
    Out::date(relative(ctx, Unit::Day, day_offset(c.words.first()?)))
}

fn day_offset(word: &str) -> i64 {
    match word {
        "yesterday" | "last" => -1,
        "tomorrow" => 1,
        _ => 0,
    }
}

/// "this morning", "last night", "tonight": a TIME with a part of day.
fn day_part(c: &Caps, ctx: &Ctx) -> Option<Out> {
    let word = c.words.first()?;
    if word == "tonight" && c.part.is_none() {
        return Out::date(relative(ctx, Unit::Day, 0));
    }
    let part = c.part?;
    let day = ctx.anchor.map(|a| a.add_days(day_offset(word)).ymd());
    Out::time(format!("{}T{part}", day.unwrap_or_else(|| "XXXX-XX-XX".to_string())))
}

/// A part of day after a modifier: of the day word with it, else of the
/// day the text is talking about.
fn part_of_day(c: &Caps, ctx: &Ctx) -> Option<Out> {
    let day = match c.words.first() {
        Some(word) => ctx.anchor.map(|a| a.add_days(day_offset(word))),
        None => reference_day(ctx),
    };
    Out::time(format!("{}T{}", day.map_or_else(|| "XXXX-XX-XX".to_string(), Date::ymd), c.part?))
}

fn day_after_before(c: &Caps, ctx: &Ctx) -> Option<Out> {
    let offset = if c.has("before") { -2 } else { 2 };
    Out::date(relative(ctx, Unit::Day, offset))
}

fn weekday(c: &Caps, ctx: &Ctx) -> Option<Out> {
    let day = c.weekday?;
    if c.words.is_empty() && c.plural {
        return Out::set(format!("XXXX-WXX-{day}"));
    }
    Out::date(resolve::weekday(ctx, day, direction(c)))
}

/// "the previous Friday": the one before the day the text last named.
fn weekday_from_reference(c: &Caps, ctx: &Ctx) -> Option<Out> {
    let shifted = Ctx { anchor: reference_day(ctx), ..*ctx };
    Out::date(resolve::weekday(&shifted, c.weekday?, direction(c)))
}

/// "Friday morning" is a TIME on that day with the part of day
/// (`...TMO`, TIMEX3); "Friday night", which runs past midnight, TimeBank
/// mostly annotates as the day alone.
fn weekday_part(c: &Caps, ctx: &Ctx) -> Option<Out> {
    let day = resolve::weekday(ctx, c.weekday?, 0);
    match c.part? {
        "NI" => Out::date(day),
        part => Out::time(format!("{day}T{part}")),
    }
}

/// "last week", "next month", "this year", "the coming year".
fn unit_relative(c: &Caps, ctx: &Ctx) -> Option<Out> {
    let unit = c.unit?;
    if c.plural || matches!(unit, Unit::Second | Unit::Minute | Unit::Hour | Unit::Half) {
        return None;
    }
    let offset = direction(c);
    if offset == -1 && c.has("past") && matches!(unit, Unit::Decade | Unit::Century) {
        return Out::duration(duration(Some(1.0), unit));
    }
    Out::date(relative(ctx, unit, offset))
}

/// "that day", "the same year": the date the text last mentioned.
fn unit_reference(c: &Caps, ctx: &Ctx) -> Option<Out> {
    let unit = c.unit.filter(|_| !c.plural)?;
    let from = ctx.reference.map(|r| r.0).or(ctx.anchor);
    Out::date(shifted(from, Some(0.0), unit, 0))
}

/// "the next day", "the following week": one unit after the last date mentioned.
fn unit_after_reference(c: &Caps, ctx: &Ctx) -> Option<Out> {
    let unit = match c.words.last()?.as_str() {
        "day" | "morning" => Unit::Day,
        "week" => Unit::Week,
        "month" => Unit::Month,
        _ => Unit::Year,
    };
    let from = ctx.reference.map(|r| r.0).or(ctx.anchor);
    Out::date(shifted(from, Some(1.0), unit, direction(c)))
}

/// "three years ago" counts from the anchor; "three days later" from the
/// last date mentioned.
fn ago(c: &Caps, ctx: &Ctx) -> Option<Out> {
    shifted_by(c, ctx, c.num?)
}

fn ago_one(c: &Caps, ctx: &Ctx) -> Option<Out> {
    shifted_by(c, ctx, 1.0)
}

fn shifted_by(c: &Caps, ctx: &Ctx, n: f64) -> Option<Out> {
    let unit = c.unit?;
    let dir = direction(c);
    let from_anchor = c.has_any(&["ago", "hence", "back", "from"]);
    if let (Some(quarter), Some(anchor), Unit::Year, true) = (ctx.quarter, ctx.anchor, unit, n == 1.0) {
        // Results language: the reported quarter (or the months to date) a year back.
        if ctx.part_year {
            return Out::date(relative(ctx, Unit::Year, dir));
        }
        return Out::date(format!("{:04}-Q{}", anchor.year + dir as i32, quarter.quarter()));
    }
    let from = if from_anchor { ctx.anchor } else { ctx.reference.map(|r| r.0).or(ctx.anchor) };
    let unit = if matches!(unit, Unit::Hour | Unit::Minute | Unit::Second) { Unit::Day } else { unit };
    let n = if matches!(c.unit?, Unit::Hour | Unit::Minute | Unit::Second) { 0.0 } else { n };
    if let (true, Unit::Year, Some(from)) = (ctx.short_of, unit, from) {
        // "nearly four years ago": a little less than four years back.
        let date = resolve::shift(from, Unit::Month, dir * ((n * 12.0).round() as i64 - 1));
        return Out::date(resolve::format_at(date, Unit::Year));
    }
    Out::date(shifted(from, Some(n), unit, dir))
}

fn ago_vague(c: &Caps, _: &Ctx) -> Option<Out> {
    Out::date(resolve::reference_word(direction(c)))
}

// ---- durations -------------------------------------------------------------

fn span_duration(c: &Caps, _: &Ctx) -> Option<Out> {
    let unit = c.unit?;
    let n = c.num?;
    if n <= 0.0 || n > 10_000.0 || (unit == Unit::Quarter && !c.plural && n > 1.0 && c.words.is_empty()) {
        return None;
    }
    Out::duration(duration(Some(n), unit))
}

fn one_unit(c: &Caps, _: &Ctx) -> Option<Out> {
    let unit = c.unit.filter(|u| !matches!(u, Unit::Quarter | Unit::Half | Unit::Second))?;
    if c.plural {
        // "decades-long": some decades, not one.
        return c.has("long").then(|| duration(None, unit)).and_then(Out::duration);
    }
    Out::duration(duration(Some(1.0), unit))
}

fn one_and_half(c: &Caps, _: &Ctx) -> Option<Out> {
    Out::duration(duration(Some(1.5), c.unit.filter(|_| !c.plural)?))
}

fn half_unit(c: &Caps, _: &Ctx) -> Option<Out> {
    Out::duration(duration(Some(0.5), c.unit.filter(|_| !c.plural)?))
}

fn vague_duration(c: &Caps, _: &Ctx) -> Option<Out> {
    let unit = c.unit.filter(|u| *u != Unit::Half)?;
    if !c.plural {
        return None;
    }
    Out::duration(duration(None, unit))
}

/// "the coming months" and "recent weeks" are vague spans; "recent years"
/// is annotated in TimeBank as a past reference.
fn coming_or_recent(c: &Caps, ctx: &Ctx) -> Option<Out> {
    if c.has("recent") && c.unit == Some(Unit::Year) {
        return Out::date("PAST_REF");
    }
    vague_duration(c, ctx)
}

fn couple_duration(c: &Caps, _: &Ctx) -> Option<Out> {
    Out::duration(duration(Some(2.0), c.unit.filter(|_| c.plural)?))
}

fn vague_any(_: &Caps, _: &Ctx) -> Option<Out> {
    Out::duration("PXX")
}

// ---- clock times -----------------------------------------------------------

fn clock_weekday(c: &Caps, ctx: &Ctx) -> Option<Out> {
    Out::time(clock_on(Some(resolve::weekday(ctx, c.weekday?, 0)).filter(|_| ctx.anchor.is_some()), c.clock?))
}

fn clock_day_word(c: &Caps, ctx: &Ctx) -> Option<Out> {
    let word = c.words.last()?;
    let day = ctx.anchor.map(|a| a.add_days(day_offset(word)).ymd());
    Out::time(clock_on(day, c.clock?))
}

fn clock_month_day(c: &Caps, ctx: &Ctx) -> Option<Out> {
    let day = resolve::month_day(ctx, c.month?, c.day?)?;
    Out::time(format!("{day}T{:02}:{:02}", c.clock?.0, c.clock?.1))
}

/// A clock time alone is on the day the text is talking about: the last
/// day it named, else the anchor.
fn clock_today(c: &Caps, ctx: &Ctx) -> Option<Out> {
    Out::time(clock_on(reference_day(ctx).map(Date::ymd), c.clock?))
}

/// The last day the text named, else the anchor.
fn reference_day(ctx: &Ctx) -> Option<Date> {
    match ctx.reference {
        Some((date, Unit::Day)) => Some(date),
        _ => ctx.anchor,
    }
}

/// "the week of March 6": the ISO week containing that day.
fn week_of(c: &Caps, ctx: &Ctx) -> Option<Out> {
    let day = Date::parse(&resolve::month_day(ctx, c.month?, c.day?)?);
    Out::date(match day {
        Some(day) => resolve::format_at(day, Unit::Week),
        None => "XXXX-WXX".to_string(),
    })
}

fn clock_in_part(c: &Caps, ctx: &Ctx) -> Option<Out> {
    let hour = c.num.filter(|h| h.fract() == 0.0 && (1.0..=12.0).contains(h))? as u32;
    let pm = c.has_any(&["afternoon", "evening"]) || (c.has("night") && hour >= 6);
    let hour = if pm { hour % 12 + 12 } else { hour % 12 };
    Out::time(clock_on(ctx.anchor.map(Date::ymd), (hour, 0)))
}

// ---- sets ------------------------------------------------------------------

fn adverb_set(c: &Caps, _: &Ctx) -> Option<Out> {
    let value = match c.words.first()?.as_str() {
        "daily" => "P1D",
        "weekly" => "P1W",
        "monthly" => "P1M",
        "quarterly" => "P3M",
        "hourly" => "PT1H",
        "nightly" => "P1D",
        _ => "P1Y",
    };
    Out::set(value)
}

/// "$5 a year": the amount before is not part of the frequency.
fn every_one(c: &Caps, _: &Ctx) -> Option<Out> {
    Out::set(duration(Some(1.0), c.unit.filter(|u| *u != Unit::Half)?))
}

fn every_unit(c: &Caps, _: &Ctx) -> Option<Out> {
    let unit = c.unit.filter(|u| *u != Unit::Half)?;
    let n = if c.has("other") { 2.0 } else { c.num.unwrap_or(1.0) };
    Out::set(duration(Some(n), unit))
}

fn every_weekday(c: &Caps, _: &Ctx) -> Option<Out> {
    Out::set(format!("XXXX-WXX-{}", c.weekday?))
}

fn every_part(c: &Caps, _: &Ctx) -> Option<Out> {
    Out::set(format!("XXXX-XX-XXT{}", c.part?))
}
