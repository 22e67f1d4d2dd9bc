//! GDELT 2.0 exports: the Event table (61 columns), the Mentions table (16)
//! and the GKG 2.1 (27), tab-separated without a header, as GDELT ships
//! them. Columns we have no data for are left empty (numeric ones 0);
//! `docs/store.md` lists which are filled.

use std::io::Write;

use newsgraph_core::{EntityType, PlaceKind};

use crate::dates::day_number;
use crate::error::Result;
use crate::export::for_each_row;
use crate::record::Record;
use crate::Store;

/// One row, tab-separated; tabs and line breaks inside values become spaces.
fn write_row(out: &mut dyn Write, cells: &[String]) -> Result<()> {
    let clean: Vec<String> = cells.iter().map(|c| c.replace(['\t', '\n', '\r'], " ")).collect();
    writeln!(out, "{}", clean.join("\t"))?;
    Ok(())
}

/// `YYYYMMDD` of a `YYYY-MM-DD` prefix.
fn sql_date(date: &str) -> Option<String> {
    day_number(date).map(|_| date[..10].replace('-', ""))
}

/// Year plus the elapsed fraction of it (GDELT's FractionDate).
fn fraction_date(date: &str) -> String {
    let (Some(day), Some(year)) = (day_number(date), date.get(..4).and_then(|y| y.parse::<i64>().ok())) else {
        return String::new();
    };
    let start = day_number(&format!("{year:04}-01-01")).unwrap_or(day);
    format!("{:.4}", year as f64 + (day - start) as f64 / 365.0)
}

/// CAMEO quad class from the root code.
fn quad_class(root: u32) -> u32 {
    match root {
        1..=5 => 1,
        6..=8 => 2,
        9..=13 => 3,
        _ => 4,
    }
}

/// Goldstein scale value of each CAMEO root (01..20), an average over the
/// root's codes: GDELT wants one per event and we code at most to the
/// third digit.
const GOLDSTEIN: [f64; 20] =
    [0.0, 3.0, 4.0, 1.0, 3.5, 6.0, 7.0, 5.0, -2.0, -5.0, -2.0, -4.0, -6.0, -6.5, -7.2, -4.0, -7.0, -9.0, -10.0, -10.0];

/// The ten actor columns from a CAMEO-style code (`UKRGOV` -> country
/// `UKR`, type `GOV`).
fn actor_columns(code: &Option<String>, name: &Option<String>) -> Vec<String> {
    let code = code.clone().unwrap_or_default();
    let is_country = code.len() >= 3 && code[..3].chars().all(|c| c.is_ascii_uppercase()) && !is_group(&code);
    let country = if is_country { code[..3].to_string() } else { String::new() };
    let group = if is_group(&code) { code.clone() } else { String::new() };
    let types: Vec<String> =
        code.get(3..).unwrap_or("").as_bytes().chunks(3).map(|c| String::from_utf8_lossy(c).into_owned()).collect();
    let mut cells = vec![
        code.clone(),
        name.clone().unwrap_or_default().to_uppercase(),
        country,
        group,
        String::new(),
        String::new(),
        String::new(),
    ];
    cells.extend((0..3).map(|i| types.get(i).cloned().unwrap_or_default()));
    cells
}

/// International bodies GDELT files under KnownGroupCode rather than a country.
fn is_group(code: &str) -> bool {
    ["NATO", "EUR", "IGO", "UNO", "WST", "NGO"].iter().any(|g| code.starts_with(g))
}

/// GDELT geo type: 1 country, 2 US state, 3 US city, 4 world city, 5 world state.
fn geo_type(kind: &str, country: &str) -> &'static str {
    match (kind, country == "US") {
        ("country", _) => "1",
        ("admin1", true) => "2",
        ("admin1", false) => "5",
        (_, true) => "3",
        _ => "4",
    }
}

pub(crate) fn write_events(store: &Store, out: &mut dyn Write) -> Result<()> {
    for_each_row(
        store,
        "SELECT e.id, coalesce(e.date, (SELECT min(d.published) FROM event_mentions m JOIN documents d ON d.rowid = m.document WHERE m.event = e.id)),
                e.source_actor, coalesce(s.name, e.source_text), e.target_actor, coalesce(t.name, e.target_text), e.cameo,
                e.mentions,
                (SELECT count(DISTINCT d.source) FROM event_mentions m JOIN documents d ON d.rowid = m.document WHERE m.event = e.id),
                e.documents,
                (SELECT min(sentence) FROM event_mentions WHERE event = e.id),
                e.place, e.place_kind, e.admin1, e.country, e.lat, e.lon,
                (SELECT d.source FROM event_mentions m JOIN documents d ON d.rowid = m.document WHERE m.event = e.id ORDER BY m.id LIMIT 1)
         FROM events e LEFT JOIN entities s ON s.id = e.source LEFT JOIN entities t ON t.id = e.target
         WHERE e.id > ?1 ORDER BY e.id LIMIT ?2",
        |row| {
            let id: i64 = row.get(0)?;
            let date: String = row.get::<_, Option<String>>(1)?.unwrap_or_default();
            let ymd = sql_date(&date).unwrap_or_default();
            let cameo: String = row.get(6)?;
            let root: u32 = cameo.get(..2).and_then(|r| r.parse().ok()).unwrap_or(1);
            let mut cells = vec![
                id.to_string(),
                ymd.clone(),
                ymd.get(..6).unwrap_or("").to_string(),
                ymd.get(..4).unwrap_or("").to_string(),
                fraction_date(&date),
            ];
            cells.extend(actor_columns(&row.get(2)?, &row.get(3)?));
            cells.extend(actor_columns(&row.get(4)?, &row.get(5)?));
            let first_sentence: i64 = row.get::<_, Option<i64>>(10)?.unwrap_or(0);
            cells.extend([
                // "Root event": mentioned in the lead, GDELT's first paragraph.
                if first_sentence < 3 { "1" } else { "0" }.to_string(),
                cameo.clone(),
                cameo.get(..3).unwrap_or(&cameo).to_string(),
                cameo.get(..2).unwrap_or(&cameo).to_string(),
                quad_class(root).to_string(),
                format!("{:.1}", GOLDSTEIN[(root.clamp(1, 20) - 1) as usize]),
                row.get::<_, i64>(7)?.to_string(),
                row.get::<_, i64>(8)?.to_string(),
                row.get::<_, i64>(9)?.to_string(),
                "0".to_string(),
            ]);
            // Actor1Geo and Actor2Geo: we do not place actors.
            for _ in 0..2 {
                cells.push("0".to_string());
                cells.extend((0..7).map(|_| String::new()));
            }
            let place: Option<String> = row.get(11)?;
            match place {
                Some(name) => {
                    let kind: String = row.get::<_, Option<String>>(12)?.unwrap_or_default();
                    let iso: String = row.get::<_, Option<String>>(14)?.unwrap_or_default();
                    let admin1: Option<String> = row.get(13)?;
                    let full = [Some(name), admin1].into_iter().flatten().collect::<Vec<_>>().join(", ");
                    let fips = fips(&iso).to_string();
                    cells.extend([
                        geo_type(&kind, &iso).to_string(),
                        full,
                        fips.clone(),
                        fips,
                        String::new(),
                        row.get::<_, Option<f64>>(15)?.map(|x| format!("{x:.4}")).unwrap_or_default(),
                        row.get::<_, Option<f64>>(16)?.map(|x| format!("{x:.4}")).unwrap_or_default(),
                        String::new(),
                    ]);
                }
                None => {
                    cells.push("0".to_string());
                    cells.extend((0..7).map(|_| String::new()));
                }
            }
            cells.push(format!("{ymd}000000"));
            cells.push(row.get::<_, Option<String>>(17)?.unwrap_or_default());
            Ok((id, cells))
        },
        |cells| write_row(out, &cells),
    )
}

pub(crate) fn write_mentions(store: &Store, out: &mut dyn Write) -> Result<()> {
    for_each_row(
        store,
        "SELECT m.id, m.event, coalesce(e.date, d.published), d.published, d.source, m.sentence, m.start, m.status, doc_length(d.text)
         FROM event_mentions m JOIN events e ON e.id = m.event JOIN documents d ON d.rowid = m.document
         WHERE m.id > ?1 ORDER BY m.id LIMIT ?2",
        |row| {
            let timestamp = |at: usize| -> rusqlite::Result<String> {
                let date: Option<String> = row.get(at)?;
                Ok(date.as_deref().and_then(sql_date).map(|d| format!("{d}000000")).unwrap_or_default())
            };
            let source: String = row.get(4)?;
            let status: String = row.get(7)?;
            let cells = vec![
                row.get::<_, i64>(1)?.to_string(),
                timestamp(2)?,
                timestamp(3)?,
                "1".to_string(),
                source_name(&source),
                source,
                (row.get::<_, i64>(5)? + 1).to_string(),
                "-1".to_string(),
                "-1".to_string(),
                row.get::<_, i64>(6)?.to_string(),
                "1".to_string(),
                // Confidence: reported as fact vs. attributed or hedged.
                if status == "asserted" { "100" } else { "50" }.to_string(),
                row.get::<_, i64>(8)?.to_string(),
                "0".to_string(),
                String::new(),
                String::new(),
            ];
            Ok((row.get(0)?, cells))
        },
        |cells| write_row(out, &cells),
    )
}

/// The host of a URL, else the source as given (a file path).
fn source_name(source: &str) -> String {
    source.split_once("://").map_or(source, |(_, rest)| rest.split('/').next().unwrap_or(rest)).to_string()
}

pub(crate) fn write_gkg(store: &Store, out: &mut dyn Write) -> Result<()> {
    store.for_each_record(|rowid, record| write_row(out, &gkg_row(rowid, &record)))
}

fn gkg_row(rowid: i64, record: &Record) -> Vec<String> {
    let date = record
        .published
        .map(|d| d.to_string())
        .as_deref()
        .and_then(sql_date)
        .map(|d| format!("{d}000000"))
        .unwrap_or_default();
    let places: Vec<String> = record
        .places
        .iter()
        .map(|p| {
            let iso = p.country.as_deref().unwrap_or("");
            let kind =
                serde_json::to_value(p.kind).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default();
            let full =
                [Some(p.name.as_str()), p.admin1.as_deref()].into_iter().flatten().collect::<Vec<_>>().join(", ");
            (geo_type(&kind, iso), full, fips(iso), p.lat, p.lon, p.start, p.kind)
        })
        .map(|(t, full, fips, lat, lon, at, kind)| {
            let adm1 = if kind == PlaceKind::Country { fips.to_string() } else { String::new() };
            format!("{t}#{full}#{fips}#{adm1}##{lat:.4}#{lon:.4}##{at}")
        })
        .collect();
    let v1_places: Vec<String> = places
        .iter()
        .map(|p| {
            // V1 has no ADM2 column and no offset.
            let parts: Vec<&str> = p.split('#').collect();
            [parts[0], parts[1], parts[2], parts[3], parts[5], parts[6], parts[7]].join("#")
        })
        .collect();
    let names = |kind: EntityType| -> (String, String) {
        let chosen: Vec<_> = record.entities.iter().filter(|e| e.kind == kind).collect();
        let v1 = chosen.iter().map(|e| e.name.clone()).collect::<Vec<_>>().join(";");
        let v2 = chosen
            .iter()
            .flat_map(|e| e.mentions.iter().map(move |m| format!("{},{}", e.name, m.start)))
            .collect::<Vec<_>>()
            .join(";");
        (v1, v2)
    };
    let (persons, persons2) = names(EntityType::Person);
    let (orgs, orgs2) = names(EntityType::Org);
    let all_names = record
        .entities
        .iter()
        .flat_map(|e| e.mentions.iter().map(move |m| format!("{},{}", e.name, m.start)))
        .collect::<Vec<_>>()
        .join(";");
    let quotes = record
        .quotes
        .iter()
        .map(|q| format!("{}|{}|{}|{}", q.start, q.end - q.start, q.cue, q.text.replace(['#', '|'], " ")))
        .collect::<Vec<_>>()
        .join("#");
    let title = record.title.as_deref().unwrap_or("").replace(['<', '>'], " ");
    vec![
        format!("{date}-{rowid}"),
        date,
        "1".to_string(),
        source_name(&record.source),
        record.source.clone(),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
        v1_places.join(";"),
        places.join(";"),
        persons,
        persons2,
        orgs,
        orgs2,
        "0,0,0,0,0,0,0".to_string(),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
        quotes,
        all_names,
        String::new(),
        String::new(),
        format!("<PAGE_TITLE>{title}</PAGE_TITLE>"),
    ]
}

/// FIPS 10-4 code of an ISO 3166-1 alpha-2 code, for the countries where
/// they differ (GDELT's geography columns use FIPS); others are the same.
fn fips(iso: &str) -> &str {
    FIPS_DIFFERENT.iter().find(|(i, _)| *i == iso).map_or(iso, |(_, f)| f)
}

const FIPS_DIFFERENT: &[(&str, &str)] = &[
    ("AD", "AN"),
    ("AG", "AC"),
    ("AI", "AV"),
    ("AQ", "AY"),
    ("AS", "AQ"),
    ("AT", "AU"),
    ("AU", "AS"),
    ("AW", "AA"),
    ("AZ", "AJ"),
    ("BA", "BK"),
    ("BD", "BG"),
    ("BF", "UV"),
    ("BG", "BU"),
    ("BH", "BA"),
    ("BI", "BY"),
    ("BJ", "BN"),
    ("BM", "BD"),
    ("BN", "BX"),
    ("BO", "BL"),
    ("BS", "BF"),
    ("BW", "BC"),
    ("BY", "BO"),
    ("BZ", "BH"),
    ("CC", "CK"),
    ("CD", "CG"),
    ("CF", "CT"),
    ("CG", "CF"),
    ("CH", "SZ"),
    ("CI", "IV"),
    ("CK", "CW"),
    ("CL", "CI"),
    ("CN", "CH"),
    ("CR", "CS"),
    ("CW", "UC"),
    ("CX", "KT"),
    ("CZ", "EZ"),
    ("DE", "GM"),
    ("DK", "DA"),
    ("DM", "DO"),
    ("DO", "DR"),
    ("DZ", "AG"),
    ("EE", "EN"),
    ("EH", "WI"),
    ("ES", "SP"),
    ("GA", "GB"),
    ("GB", "UK"),
    ("GD", "GJ"),
    ("GE", "GG"),
    ("GF", "FG"),
    ("GG", "GK"),
    ("GM", "GA"),
    ("GN", "GV"),
    ("GQ", "EK"),
    ("GS", "SX"),
    ("GU", "GQ"),
    ("GW", "PU"),
    ("HN", "HO"),
    ("HT", "HA"),
    ("IE", "EI"),
    ("IL", "IS"),
    ("IQ", "IZ"),
    ("IS", "IC"),
    ("JP", "JA"),
    ("KH", "CB"),
    ("KI", "KR"),
    ("KM", "CN"),
    ("KN", "SC"),
    ("KP", "KN"),
    ("KR", "KS"),
    ("KW", "KU"),
    ("KY", "CJ"),
    ("LB", "LE"),
    ("LC", "ST"),
    ("LI", "LS"),
    ("LK", "CE"),
    ("LR", "LI"),
    ("LS", "LT"),
    ("LT", "LH"),
    ("LV", "LG"),
    ("MA", "MO"),
    ("MC", "MN"),
    ("ME", "MJ"),
    ("MG", "MA"),
    ("MH", "RM"),
    ("MM", "BM"),
    ("MN", "MG"),
    ("MO", "MC"),
    ("MP", "CQ"),
    ("MQ", "MB"),
    ("MS", "MH"),
    ("MU", "MP"),
    ("MW", "MI"),
    ("NA", "WA"),
    ("NE", "NG"),
    ("NG", "NI"),
    ("NI", "NU"),
    ("NU", "NE"),
    ("OM", "MU"),
    ("PA", "PM"),
    ("PF", "FP"),
    ("PG", "PP"),
    ("PH", "RP"),
    ("PM", "SB"),
    ("PN", "PC"),
    ("PR", "RQ"),
    ("PS", "WE"),
    ("PT", "PO"),
    ("PW", "PS"),
    ("PY", "PA"),
    ("RS", "RI"),
    ("RU", "RS"),
    ("SB", "BP"),
    ("SC", "SE"),
    ("SD", "SU"),
    ("SE", "SW"),
    ("SG", "SN"),
    ("SJ", "SV"),
    ("SK", "LO"),
    ("SN", "SG"),
    ("SR", "NS"),
    ("SS", "OD"),
    ("ST", "TP"),
    ("SV", "ES"),
    ("SX", "NN"),
    ("SZ", "WZ"),
    ("TC", "TK"),
    ("TD", "CD"),
    ("TF", "FS"),
    ("TG", "TO"),
    ("TJ", "TI"),
    ("TK", "TL"),
    ("TL", "TT"),
    ("TM", "TX"),
    ("TN", "TS"),
    ("TO", "TN"),
    ("TR", "TU"),
    ("TT", "TD"),
    ("UA", "UP"),
    ("VA", "VT"),
    ("VG", "VI"),
    ("VI", "VQ"),
    ("VN", "VM"),
    ("VU", "NH"),
    ("YE", "YM"),
    ("YT", "MF"),
    ("ZA", "SF"),
    ("ZM", "ZA"),
    ("ZW", "ZI"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_dates() {
        assert_eq!(fips("UA"), "UP");
        assert_eq!(fips("RU"), "RS");
        assert_eq!(fips("FR"), "FR");
        assert_eq!(sql_date("2026-01-06").as_deref(), Some("20260106"));
        assert_eq!(fraction_date("2026-01-01"), "2026.0000");
        assert_eq!(quad_class(19), 4);
        let cells = actor_columns(&Some("UKRGOV".to_string()), &Some("Volodymyr Zelensky".to_string()));
        assert_eq!(cells.len(), 10);
        assert_eq!((cells[2].as_str(), cells[7].as_str()), ("UKR", "GOV"));
    }
}
