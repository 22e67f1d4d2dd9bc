//! A small command-line option reader: `--name value`, `--name=value`,
//! repeatable options and positional arguments, with clear errors.
//! (Nothing here needs a flag without a value, so none is supported.)

use std::collections::HashMap;

/// Parsed options of one command.
#[derive(Debug, Default)]
pub struct Args {
    values: HashMap<String, Vec<String>>,
    pub positional: Vec<String>,
}

impl Args {
    /// Parses `argv`; `takes_value` lists the options, all of which take a value.
    pub fn parse(argv: &[String], takes_value: &[&str]) -> Result<Self, String> {
        let mut args = Args::default();
        let mut iter = argv.iter();
        while let Some(arg) = iter.next() {
            let Some(option) = arg.strip_prefix("--") else {
                args.positional.push(arg.clone());
                continue;
            };
            let (name, inline) = match option.split_once('=') {
                Some((name, value)) => (name, Some(value.to_string())),
                None => (option, None),
            };
            if takes_value.contains(&name) {
                let value = inline.or_else(|| iter.next().cloned()).ok_or(format!("--{name} needs a value"))?;
                args.values.entry(name.to_string()).or_default().push(value);
            } else {
                return Err(format!("unknown option --{name}"));
            }
        }
        Ok(args)
    }

    /// The last value given for `name`.
    pub fn value(&self, name: &str) -> Option<&str> {
        self.values.get(name).and_then(|v| v.last()).map(String::as_str)
    }

    /// Every value given for a repeatable option.
    pub fn all(&self, name: &str) -> Vec<String> {
        self.values.get(name).cloned().unwrap_or_default()
    }

    /// The value of `name` parsed as a number, if given.
    pub fn number(&self, name: &str) -> Result<Option<usize>, String> {
        self.value(name)
            .map(|v| v.parse().map_err(|_| format!("--{name} wants a whole number, got `{v}`")))
            .transpose()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn argv(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn values_flags_and_positionals() {
        let args = Args::parse(&argv(&["--date", "2025-12-31", "--skip=geo", "--skip", "time", "a.txt", "-"]), &["date", "skip"])
            .unwrap();
        assert_eq!(args.value("date"), Some("2025-12-31"));
        assert_eq!(args.all("skip"), vec!["geo", "time"]);
        assert_eq!(args.positional, vec!["a.txt", "-"]);
    }

    #[test]
    fn unknown_and_missing_values_are_errors() {
        assert!(Args::parse(&argv(&["--bogus"]), &[]).is_err());
        assert!(Args::parse(&argv(&["--date"]), &["date"]).is_err());
    }
}
