//! Countries: ISO 3166-1 codes, names, demonyms, capitals and parts
//! (`data/countries.tsv`, one country a line, fields separated by tabs,
//! alternatives by `|`). The events stage codes actors from this table and
//! the entities stage takes its country aliases and demonyms from it.

use std::sync::OnceLock;

pub(crate) const DATA: &str = include_str!("../../data/countries.tsv");

/// One country.
#[derive(Clone, Debug)]
pub struct Country {
    /// ISO 3166-1 alpha-3 ("UKR"), also the CAMEO country code.
    pub alpha3: &'static str,
    /// ISO 3166-1 alpha-2 ("UA").
    pub alpha2: &'static str,
    /// Names, the usual one first ("Ukraine").
    pub names: Vec<&'static str>,
    /// Adjectives and names of the people ("Ukrainian", "Ukrainians").
    pub demonyms: Vec<&'static str>,
    /// Capitals, which news uses as metonyms for governments ("Kyiv").
    pub capitals: Vec<&'static str>,
    /// Parts that code as the country but do not name it ("Scotland",
    /// "Gaza"): an actor there is the country's, but the entity is another.
    pub parts: Vec<&'static str>,
}

impl Country {
    /// Every word sequence that codes as the country: names, then parts.
    pub fn coded_names(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.names.iter().chain(&self.parts).copied()
    }

    /// The other names, each with the usual one: ("U.S.", "United States").
    pub fn aliases(&self) -> impl Iterator<Item = (&'static str, &'static str)> + '_ {
        self.names.iter().skip(1).map(move |alias| (*alias, self.names[0]))
    }
}

/// Every country, in the order of the table, parsed once.
pub fn countries() -> &'static [Country] {
    static TABLE: OnceLock<Vec<Country>> = OnceLock::new();
    TABLE.get_or_init(|| DATA.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()).filter_map(row).collect())
}

fn row(line: &'static str) -> Option<Country> {
    let mut fields = line.split('\t');
    let list = |field: Option<&'static str>| -> Vec<&'static str> {
        field.unwrap_or("").split('|').map(str::trim).filter(|s| !s.is_empty()).collect()
    };
    Some(Country {
        alpha3: fields.next()?,
        alpha2: fields.next()?,
        names: list(fields.next()),
        demonyms: list(fields.next()),
        capitals: list(fields.next()),
        parts: list(fields.next()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_parse() {
        let table = countries();
        assert!(table.len() > 190);
        let ukraine = table.iter().find(|c| c.alpha3 == "UKR").unwrap();
        assert_eq!(ukraine.alpha2, "UA");
        assert_eq!(ukraine.names[0], "Ukraine");
        assert!(ukraine.demonyms.contains(&"Ukrainian"));
        assert_eq!(ukraine.capitals, ["Kyiv", "Kiev"]);
        let britain = table.iter().find(|c| c.alpha3 == "GBR").unwrap();
        assert!(britain.aliases().any(|alias| alias == ("UK", "United Kingdom")));
        assert!(britain.coded_names().any(|name| name == "Scotland"));
        assert!(!britain.names.contains(&"Scotland"));
        assert!(table.iter().all(|c| c.alpha3.len() == 3 && c.alpha2.len() == 2 && !c.names.is_empty()));
    }
}
