//! One test per expression family of the issue, with fixed anchor dates,
//! through the real text stage (sentences, tokens) and the time stage.

use newsgraph_core::{Document, Stage, Timex, TimexType};
use newsgraph_text::TextStage;
use newsgraph_time::TimeStage;

fn run(text: &str, anchor: Option<&str>) -> Vec<Timex> {
    let mut doc = Document::new("t", "test", text);
    doc.anchor_date = anchor.map(str::to_string);
    TextStage::new().annotate(&mut doc);
    TimeStage::load().expect("grammar compiles").annotate(&mut doc);
    for t in &doc.timexes {
        assert_eq!(&doc.text[t.start..t.end], t.text, "span and text agree");
    }
    doc.timexes
}

/// The single timex whose text is `phrase`.
fn find(text: &str, anchor: Option<&str>, phrase: &str) -> Timex {
    let all = run(text, anchor);
    all.iter().find(|t| t.text == phrase).cloned().unwrap_or_else(|| panic!("no timex `{phrase}` in {all:?}"))
}

fn value(text: &str, anchor: &str, phrase: &str) -> String {
    find(text, Some(anchor), phrase).value
}

const NYE: &str = "2025-12-31"; // a Wednesday

#[test]
fn today_and_weekday_of_today() {
    let all = run("Today (Wednesday) the council met.", Some(NYE));
    let values: Vec<&str> = all.iter().map(|t| t.value.as_str()).collect();
    assert_eq!(values, ["2025-12-31", "2025-12-31"]);
    assert_eq!(value("Markets fell yesterday.", NYE, "yesterday"), "2025-12-30");
    assert_eq!(value("Talks resume tomorrow.", NYE, "tomorrow"), "2026-01-01");
}

#[test]
fn month_day_year_follows_tense_across_new_year() {
    assert_eq!(value("The leaders will meet January 3.", NYE, "January 3"), "2026-01-03");
    assert_eq!(value("The leaders met January 3.", NYE, "January 3"), "2025-01-03");
    assert_eq!(value("The deal closes on Jan. 3, 2027.", NYE, "Jan. 3, 2027"), "2027-01-03");
    // A named weekday picks the year in which the two agree.
    assert_eq!(value("On Saturday, Jan. 3 the vote is held.", NYE, "Saturday, Jan. 3"), "2026-01-03");
}

#[test]
fn leap_days() {
    assert_eq!(value("The law was signed Feb. 29.", "2025-03-01", "Feb. 29"), "2024-02-29");
    assert_eq!(value("It expires Feb. 29.", "2028-01-10", "Feb. 29"), "2028-02-29");
    let all = run("The ship left on February 27, 2024. It docked two days later.", Some("2024-03-10"));
    assert_eq!(all[1].text, "two days later");
    assert_eq!(all[1].value, "2024-02-29");
}

#[test]
fn part_of_month_modifiers() {
    let t = find("Talks will resume in early January.", Some(NYE), "early January");
    assert_eq!((t.value.as_str(), t.modifier.as_deref()), ("2026-01", Some("START")));
    let t = find("Growth slowed in mid-2025.", Some(NYE), "mid-2025");
    assert_eq!((t.value.as_str(), t.modifier.as_deref()), ("2025", Some("MID")));
    let t = find("Prices rose at the end of 1990.", Some(NYE), "the end of 1990");
    assert_eq!((t.value.as_str(), t.modifier.as_deref()), ("1990", Some("END")));
}

#[test]
fn coming_year_and_past_decade() {
    assert_eq!(value("Rates should fall over the coming year.", NYE, "the coming year"), "2026");
    let t = find("Output doubled over the past decade.", Some(NYE), "the past decade");
    assert_eq!((t.kind, t.value.as_str()), (TimexType::Duration, "P10Y"));
}

#[test]
fn ago_with_approximation() {
    let t = find("The war began nearly four years ago.", Some(NYE), "nearly four years ago");
    assert_eq!((t.kind, t.value.as_str(), t.modifier.as_deref()), (TimexType::Date, "2022", Some("APPROX")));
    assert_eq!(value("He left three days ago.", NYE, "three days ago"), "2025-12-28");
    assert_eq!(value("They met six months ago.", "2024-08-31", "six months ago"), "2024-02");
}

#[test]
fn relative_weeks_months_years_across_the_boundary() {
    assert_eq!(value("Troops withdrew last week.", NYE, "last week"), "2025-W52");
    assert_eq!(value("Elections are due next month.", NYE, "next month"), "2026-01");
    assert_eq!(value("Sales grew this year.", NYE, "this year"), "2025");
    assert_eq!(value("Sales grew last year.", "2026-01-02", "last year"), "2025");
    assert_eq!(value("The summit is next week.", NYE, "next week"), "2026-W02");
}

#[test]
fn quarters_halves_decades_centuries() {
    assert_eq!(value("Profit rose in Q3 2023.", NYE, "Q3 2023"), "2023-Q3");
    assert_eq!(value("Profit rose in the third quarter.", "1989-10-25", "the third quarter"), "1989-Q3");
    assert_eq!(value("Sales fell in the quarter ended July 31.", "1989-10-25", "the quarter"), "1989-Q2");
    assert_eq!(value("Profit rose in the first half of 2024.", NYE, "the first half of 2024"), "2024-H1");
    assert_eq!(value("It was popular in the 1990s.", NYE, "the 1990s"), "199");
    assert_eq!(value("It was built in the 19th century.", NYE, "the 19th century"), "18");
}

#[test]
fn reference_dates_for_later_and_that_day() {
    let all = run("Fighting broke out on March 3, 2022. Three days later the city fell. That day was cold.", Some(NYE));
    let values: Vec<&str> = all.iter().map(|t| t.value.as_str()).collect();
    assert_eq!(values, ["2022-03-03", "2022-03-06", "2022-03-06"]);
}

#[test]
fn years_since_and_seasons() {
    assert_eq!(value("The region has been occupied since 2014.", NYE, "2014"), "2014");
    assert_eq!(value("Prices have risen since Dec. 3.", "2026-06-01", "Dec. 3"), "2025-12-03");
    assert_eq!(value("Fighting stopped last fall.", NYE, "last fall"), "2024-FA");
    assert_eq!(value("Fighting stopped this fall.", NYE, "this fall"), "2025-FA");
    assert_eq!(value("The war began this past spring.", "1989-10-20", "past spring"), "1989-SP");
    assert_eq!(value("Talks resume this summer.", "2026-02-01", "this summer"), "2026-SU");
}

#[test]
fn sets() {
    let t = find("The market is held every Monday.", Some(NYE), "every Monday");
    assert_eq!((t.kind, t.value.as_str()), (TimexType::Set, "XXXX-WXX-1"));
    let t = find("Prices are updated daily.", Some(NYE), "daily");
    assert_eq!((t.kind, t.value.as_str()), (TimexType::Set, "P1D"));
    let t = find("They march each July.", Some(NYE), "each July");
    assert_eq!((t.kind, t.value.as_str()), (TimexType::Set, "XXXX-07"));
    let t = find("It costs $5 a year.", Some(NYE), "a year");
    assert_eq!((t.kind, t.value.as_str()), (TimexType::Set, "P1Y"));
}

#[test]
fn clock_times() {
    let t = find("The curfew starts at 2 p.m. local time.", Some(NYE), "2 p.m. local time");
    assert_eq!((t.kind, t.value.as_str()), (TimexType::Time, "2025-12-31T14:00"));
    let t = find("Polls close at 8:30 p.m. Friday.", Some(NYE), "8:30 p.m. Friday");
    assert_eq!(t.value, "2025-12-26T20:30");
    assert_eq!(value("Shots were heard this morning.", NYE, "this morning"), "2025-12-31TMO");
    let all = run("He was shot on Oct. 23, 1998. The attack came at 10 p.m. near his home.", Some("1999-04-19"));
    assert_eq!(all[1].value, "1998-10-23T22:00", "a bare clock time is on the day last named");
    assert_eq!(value("A hearing is set for the week of March 6.", "2000-02-24", "the week of March 6"), "2000-W10");
}

#[test]
fn weekday_names_follow_tense() {
    assert_eq!(value("The minister resigned on Friday.", NYE, "Friday"), "2025-12-26");
    assert_eq!(value("The minister will resign on Friday.", NYE, "Friday"), "2026-01-02");
    assert_eq!(value("The strike ended last Wednesday.", NYE, "last Wednesday"), "2025-12-24");
    assert_eq!(value("The strike ends next Monday.", NYE, "next Monday"), "2026-01-05");
    let all = run("Stocks fell on Friday, Oct. 27, 1989, down from the previous Friday.", Some("1989-10-30"));
    assert_eq!(all[1].value, "1989-10-20", "counted from the Friday just named");
}

#[test]
fn durations() {
    let cases = [
        ("The siege lasted three years.", "three years", "P3Y"),
        ("Talks went on for 24 hours.", "24 hours", "PT24H"),
        ("He served 2 1/2 years.", "2 1/2 years", "P2Y6M"),
        ("It was a two-week strike.", "two-week", "P2W"),
        ("The ban lasted several months.", "several months", "PXM"),
        ("Output fell in the past two months.", "the past two months", "P2M"),
    ];
    for (text, phrase, expected) in cases {
        let t = find(text, Some(NYE), phrase);
        assert_eq!((t.kind, t.value.as_str()), (TimexType::Duration, expected), "{text}");
    }
    let t = find("The truce held for more than two years.", Some(NYE), "more than two years");
    assert_eq!(t.modifier.as_deref(), Some("MORE_THAN"));
}

#[test]
fn references() {
    assert_eq!(value("Prices are now lower.", NYE, "now"), "PRESENT_REF");
    assert_eq!(value("Prices recently fell.", NYE, "recently"), "PAST_REF");
    assert_eq!(value("Prices will rise in the future.", NYE, "the future"), "FUTURE_REF");
}

#[test]
fn without_anchor_nothing_is_invented() {
    assert_eq!(find("They met January 3.", None, "January 3").value, "XXXX-01-03");
    assert_eq!(find("They met yesterday.", None, "yesterday").value, "PAST_REF");
    assert_eq!(find("They meet next week.", None, "next week").value, "FUTURE_REF");
    assert_eq!(find("They met on Friday.", None, "Friday").value, "XXXX-WXX-5");
    assert_eq!(find("Talks began in March 2024.", None, "March 2024").value, "2024-03");
    assert_eq!(find("It began four years ago.", None, "four years ago").value, "PAST_REF");
}

#[test]
fn not_everything_with_a_number_is_time() {
    assert!(run("The 6-year-old boy was found.", Some(NYE)).is_empty());
    assert!(run("May I ask a question?", Some(NYE)).is_empty());
    assert!(run("Jan Kavan said three-quarters of them agreed.", Some(NYE)).is_empty());
}

#[test]
fn offsets_are_bytes_in_memory_even_after_accents() {
    let text = "Zürich — Die Gespräche: talks resumed on Friday.";
    let t = find(text, Some(NYE), "Friday");
    assert_eq!(&text[t.start..t.end], "Friday");
}

#[test]
fn odd_input_never_panics() {
    let texts = [
        "99999999999999999999 days ago and 1e18 years ago, 1,000,000 years later.",
        "On 2/30/2024 and 2024-02-30 nothing; on 9999-12-31 something.",
        "mid- late- the end of the -- early -",
        "Twenty-four-hour, twenty-first-century, 0 days ago, -3 years.",
        "Jan. 32, 1990; Feb 29, 1900; the 100th century; Q9 2020.",
        "Über–Zeit: vor drei Tagen — 三天前 — 12:99 p.m., 25:00, 13 p.m.",
    ];
    for text in texts {
        for anchor in [None, Some("2024-02-29"), Some("0001-01-01"), Some("9999-12-31")] {
            run(text, anchor);
        }
    }
    assert_eq!(find("It formed 1,000,000 years ago.", Some(NYE), "1,000,000 years ago").value, "PAST_REF");
}

#[test]
fn results_language_year_ago_and_year_to_date() {
    let q = "Net rose in the third quarter to $5 million from $4 million a year earlier.";
    assert_eq!(value(q, "1989-10-25", "a year earlier"), "1988-Q3");
    // A nine-month figure compares with the same months of the year before.
    let text =
        "Profit rose in the third quarter. For the nine months, net was $9 million, up from $7 million a year earlier.";
    assert_eq!(value(text, "1989-10-25", "a year earlier"), "1988");
    let text = "Profit rose in the third quarter. Net for the year-earlier nine months included a gain.";
    let span = find(text, Some("1989-10-25"), "the year-earlier nine months");
    assert_eq!((span.kind, span.value.as_str()), (TimexType::Duration, "P9M"));
}

#[test]
fn weekday_with_part_of_day() {
    // TIMEX3: "Friday morning" is a TIME on that day with the part of day.
    let t = find("The bomb exploded Friday morning.", Some(NYE), "Friday morning");
    assert_eq!((t.kind, t.value.as_str()), (TimexType::Time, "2025-12-26TMO"));
    assert_eq!(value("They met Tuesday evening.", NYE, "Tuesday evening"), "2025-12-30TEV");
    // "Friday night" stays the day (TimeBank practice).
    assert_eq!(value("Crowds rallied Friday night.", NYE, "Friday night"), "2025-12-26");
    assert_eq!(value("The chief said it is a decades-long fight.", NYE, "decades-long"), "PXY");
    assert!(run("The average daily volume was 133 million shares.", Some(NYE)).is_empty());
}

#[test]
fn capitalised_names_are_not_times() {
    assert!(run("Baker said on ABC's \"This Week\" that talks went on.", Some(NYE)).is_empty());
    assert!(run("This is VOA Today.", Some(NYE)).is_empty());
    assert!(run("Protesters joined the annual March for Life.", Some(NYE)).is_empty());
    // Holidays and sentence openers keep their capitals.
    assert_eq!(value("Voters go to the polls on Election Day.", "2025-10-01", "Election Day"), "2025-11-04");
    assert_eq!(value("Today the council met.", NYE, "Today"), "2025-12-31");
}

#[test]
fn amount_before_or_after_an_event_is_a_duration_without_the_signal() {
    // TimeML leaves "after" / "before" out as a signal linking to the event.
    let all = run("Troops struck 13 days after the bombing and left a week before the vote.", Some(NYE));
    let found: Vec<(&str, &str)> = all.iter().map(|t| (t.text.as_str(), t.value.as_str())).collect();
    assert_eq!(found, [("13 days", "P13D"), ("a week", "P1W")]);
    let t = find("The reply came less than an hour after the call.", Some(NYE), "less than an hour");
    assert_eq!((t.kind, t.value.as_str(), t.modifier.as_deref()), (TimexType::Duration, "PT1H", Some("LESS_THAN")));
}

#[test]
fn last_or_next_with_a_month_day() {
    // The word fixes the side of the anchor, whatever the verbs say.
    assert_eq!(value("He was shot last Oct. 23 at his home.", "1999-04-19", "last Oct. 23"), "1998-10-23");
    assert_eq!(value("The court sits next March 4.", NYE, "next March 4"), "2026-03-04");
    assert_eq!(value("The accord was signed last Dec. 30.", NYE, "last Dec. 30"), "2025-12-30");
}

#[test]
fn modified_parts_of_day_and_seasons() {
    let t = find("In London at mid-afternoon yesterday, shares rose.", Some(NYE), "mid-afternoon yesterday");
    assert_eq!((t.kind, t.value.as_str(), t.modifier.as_deref()), (TimexType::Time, "2025-12-30TAF", Some("MID")));
    // Alone, the part of day is on the day the text is talking about.
    let all = run("The vote was held on Dec. 29. By mid afternoon, the count was done.", Some(NYE));
    assert_eq!(all[1].text, "mid afternoon");
    assert_eq!(all[1].value, "2025-12-29TAF");
    let t = find("Orders recovered from the lows of the early summer.", Some("1989-10-26"), "the early summer");
    assert_eq!((t.value.as_str(), t.modifier.as_deref()), ("1989-SU", Some("START")));
    // A part of day with no modifier stays a plain word.
    assert!(run("He spoke on a morning talk show.", Some(NYE)).is_empty());
}

#[test]
fn quarter_spans_keep_what_belongs_to_the_noun_outside() {
    let spans: Vec<String> = run("It posted a loss for the third quarter of $2 million.", Some("1989-10-26"))
        .into_iter()
        .map(|t| t.text)
        .collect();
    assert_eq!(spans, ["the third quarter"]);
    assert_eq!(value("Sales in the third quarter of 1988 rose.", "1989-10-26", "the third quarter of 1988"), "1988-Q3");
    // In a hyphenated premodifier the article goes with the noun.
    let t = find(
        "The third-quarter loss was the first since 1987; the fiscal first-half results follow.",
        Some("1989-10-26"),
        "third-quarter",
    );
    assert_eq!(t.value, "1989-Q3");
    assert_eq!(find("The first-half results follow.", Some("1989-10-26"), "first-half").value, "1989-H1");
}

#[test]
fn second_day_of_a_pair_written_with_one_month() {
    let all = run("The summit will be held on April 24 and 25. Polls open May 3-4.", Some(NYE));
    let found: Vec<(&str, &str)> = all.iter().map(|t| (t.text.as_str(), t.value.as_str())).collect();
    assert_eq!(found, [("April 24", "2026-04-24"), ("25", "2026-04-25"), ("May 3", "2026-05-03"), ("4", "2026-05-04")]);
    // A number that goes on into a noun phrase is no day.
    let spans: Vec<String> =
        run("On April 24 and 25 people were hurt.", Some(NYE)).into_iter().map(|t| t.text).collect();
    assert_eq!(spans, ["April 24"]);
    // Nor is a smaller number or a day the month does not have.
    assert_eq!(run("Shares rose April 24 and 3.", Some(NYE)).len(), 1);
    assert_eq!(run("It runs Feb. 27 to 30.", Some(NYE)).len(), 1);
}

#[test]
fn open_ends_belong_to_the_expression() {
    let t = find("The plant will be closed over the next year or so.", Some("1989-10-26"), "the next year or so");
    assert_eq!((t.value.as_str(), t.modifier.as_deref()), ("1990", Some("APPROX")));
    let t = find("It may last the next two years or so.", Some("1989-10-26"), "the next two years or so");
    assert_eq!((t.value.as_str(), t.modifier.as_deref()), ("P2Y", Some("APPROX")));
    assert_eq!(value("It won't be profitable until 1994 or later.", "1989-10-26", "1994 or later"), "1994");
    assert_eq!(value("Earnings for 1990 and beyond look good.", "1989-10-26", "1990 and beyond"), "1990");
    // "and later" opens a clause.
    let spans: Vec<String> = run("She flew in October 1984 and later served as director.", Some("1989-10-26"))
        .into_iter()
        .map(|t| t.text)
        .collect();
    assert_eq!(spans, ["October 1984"]);
}

#[test]
fn approximate_points_in_time() {
    let t = find("The sale is to be completed around Nov. 1.", Some("1989-10-26"), "around Nov. 1");
    assert_eq!((t.value.as_str(), t.modifier.as_deref()), ("1989-11-01", Some("APPROX")));
    let t = find("He entered the store around 7:15 p.m., police said.", Some(NYE), "around 7:15 p.m.");
    assert_eq!((t.value.as_str(), t.modifier.as_deref()), ("2025-12-31T19:15", Some("APPROX")));
    // "about" stays outside the span, as TimeBank has it, but still approximates.
    let t = find("The blast came at about 10:35 a.m. Friday.", Some(NYE), "10:35 a.m. Friday");
    assert_eq!(t.modifier.as_deref(), Some("APPROX"));
    // Before a possessive the word governs the noun phrase.
    let spans: Vec<String> =
        run("They looked for ways to get around Wednesday's ruling.", Some(NYE)).into_iter().map(|t| t.text).collect();
    assert_eq!(spans, ["Wednesday"]);
}

#[test]
fn article_of_a_hyphenated_year_ago_goes_with_the_noun() {
    let text = "Net rose 5% in the third quarter. The year-ago results were restated, and a year-earlier loss was cut.";
    let spans: Vec<String> = run(text, Some("1989-10-26")).into_iter().map(|t| t.text).collect();
    assert_eq!(spans, ["the third quarter", "year-ago", "year-earlier"]);
    // As the head of its own noun phrase the period keeps its article.
    let t =
        find("Net rose in the third quarter from the year-ago quarter.", Some("1989-10-26"), "the year-ago quarter");
    assert_eq!(t.value, "1988-Q3");
}

#[test]
fn article_before_an_amount_used_as_premodifier_goes_with_the_noun() {
    let t = find("Crowds gathered for the two day rally.", Some(NYE), "two day");
    assert_eq!(t.value, "P2D");
    assert_eq!(value("For the nine months, net rose.", "1989-10-26", "the nine months"), "P9M");
}
