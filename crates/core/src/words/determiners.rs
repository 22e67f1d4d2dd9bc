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

/// Every determiner, lower case.
pub const DETERMINERS: [(&str, Class); 29] = [
    ("the", Class::Article),
    ("a", Class::Article),
    ("an", Class::Article),
    ("this", Class::Demonstrative),
    ("that", Class::Demonstrative),
    ("these", Class::Demonstrative),
    ("those", Class::Demonstrative),
    ("his", Class::Possessive(Person::Third)),
    ("her", Class::Possessive(Person::Third)),
    ("its", Class::Possessive(Person::Third)),
    ("their", Class::Possessive(Person::Third)),
    ("my", Class::Possessive(Person::First)),
    ("our", Class::Possessive(Person::First)),
    ("your", Class::Possessive(Person::Second)),
    ("some", Class::Quantifier),
    ("any", Class::Quantifier),
    ("all", Class::Quantifier),
    ("both", Class::Quantifier),
    ("many", Class::Distributive),
    ("most", Class::Distributive),
    ("several", Class::Distributive),
    ("each", Class::Distributive),
    ("another", Class::Distributive),
    ("other", Class::Distributive),
    ("no", Class::Distributive),
    ("one", Class::Numeral),
    ("two", Class::Numeral),
    ("three", Class::Numeral),
    ("four", Class::Numeral),
];

/// The class of a determiner, in any letter case ("THE", "The", "the").
pub fn class(word: &str) -> Option<Class> {
    DETERMINERS.iter().find(|(d, _)| d.eq_ignore_ascii_case(word)).map(|&(_, class)| class)
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
    }

    #[test]
    fn each_word_once() {
        for (i, (word, _)) in DETERMINERS.iter().enumerate() {
            assert!(!DETERMINERS[i + 1..].iter().any(|(other, _)| other == word), "{word}");
        }
    }
}
