//! Words that open a noun phrase ("the", "these", "their", "several"),
//! each with its class, so that a stage can take the kinds it needs.

/// Grammatical person of a possessive determiner.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Person {
    First,
    Second,
    Third,
}

/// What a determiner tells about its noun.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Class {
    /// "the", "a", "an".
    Article,
    /// "this", "that", "these", "those".
    Demonstrative,
    /// "his", "our": an owner, who may be the actor a pronoun stands for.
    Possessive(Person),
    /// "some", "any", "all", "both": how much, without a number.
    Quantifier,
    /// "many", "each", "another", "no": quantity or choice among several.
    Distributive,
    /// "one" to "four" (higher numbers are rarely the first word of a
    /// speaker or an actor phrase).
    Numeral,
}

/// The class of a determiner, in any letter case ("THE", "The", "the").
pub fn class(word: &str) -> Option<Class> {
    // Lower-cased on the stack: stages ask for every token, so a `match`
    // (compiled to a length switch) on a borrowed buffer keeps this as
    // cheap as the stages' own lists were.
    let mut buffer = [0u8; 8];
    let lower = buffer.get_mut(..word.len())?;
    lower.copy_from_slice(word.as_bytes());
    lower.make_ascii_lowercase();
    let class = match std::str::from_utf8(lower).ok()? {
        "the" | "a" | "an" => Class::Article,
        "this" | "that" | "these" | "those" => Class::Demonstrative,
        "his" | "her" | "its" | "their" => Class::Possessive(Person::Third),
        "my" | "our" => Class::Possessive(Person::First),
        "your" => Class::Possessive(Person::Second),
        "some" | "any" | "all" | "both" => Class::Quantifier,
        "many" | "most" | "several" | "each" | "another" | "other" | "no" => Class::Distributive,
        "one" | "two" | "three" | "four" => Class::Numeral,
        _ => return None,
    };
    Some(class)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_in_any_case() {
        assert_eq!(class("THE"), Some(Class::Article));
        assert_eq!(class("Their"), Some(Class::Possessive(Person::Third)));
        assert_eq!(class("several"), Some(Class::Distributive));
        assert_eq!(class("them"), None);
        assert_eq!(class("determiner"), None);
        assert_eq!(class(""), None);
    }
}
