//! Tokenising a turn into words, the unit every other step works on.
//!
//! A word is a maximal run of alphanumeric characters (Unicode-aware), kept in
//! lower case (`str::to_lowercase`). Punctuation is dropped but remembered
//! where it matters: a word *joined* to the next by a single `-` or `/`
//! (part numbers like `HP-200`), a `#` right before a word (order numbers), and
//! a clause break (`.,;:!?` or the end of the text) right after a word.

/// One word of a turn.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Word {
    /// The word in lower case.
    pub lower: String,
    /// The word exactly as written.
    pub raw: String,
    /// Joined to the next word by a single `-` or `/` (no spaces): that character.
    pub joiner: Option<char>,
    /// Immediately preceded by `#`.
    pub hash_before: bool,
    /// A clause break (`.`, `,`, `;`, `:`, `!`, `?`) or the end of the text follows.
    pub break_after: bool,
}

/// Splits `text` into words.
pub(crate) fn words(text: &str) -> Vec<Word> {
    let mut out: Vec<Word> = Vec::new();
    let mut current = String::new();
    // Characters seen since the last word ended (the separator run).
    let mut separator = String::new();
    let flush = |current: &mut String, separator: &mut String, out: &mut Vec<Word>| {
        if current.is_empty() {
            return;
        }
        if let Some(previous) = out.last_mut() {
            previous.joiner = match separator.as_str() {
                "-" => Some('-'),
                "/" => Some('/'),
                _ => None,
            };
            previous.break_after = separator.chars().any(is_clause_break);
        }
        let hash_before = separator.ends_with('#');
        out.push(Word {
            lower: current.to_lowercase(),
            raw: std::mem::take(current),
            joiner: None,
            hash_before,
            break_after: false,
        });
        separator.clear();
    };
    for c in text.chars() {
        if c.is_alphanumeric() {
            current.push(c);
        } else {
            flush(&mut current, &mut separator, &mut out);
            separator.push(c);
        }
    }
    flush(&mut current, &mut separator, &mut out);
    if let Some(last) = out.last_mut() {
        // The end of the text is a clause break too.
        last.break_after = true;
    }
    out
}

fn is_clause_break(c: char) -> bool {
    matches!(c, '.' | ',' | ';' | ':' | '!' | '?')
}

/// Lower-case words of a catalogue name, the form names are matched in.
pub(crate) fn normalised_words(name: &str) -> Vec<String> {
    words(name).into_iter().map(|w| w.lower).collect()
}

/// True for a word that ends like an English plural (`pumps`, `tabs`), but
/// not `-ss`, `-us`, `-is` (`glass`, `citrus`, `basis`).
pub(crate) fn looks_plural(word: &str) -> bool {
    word.chars().count() > 3
        && word.ends_with('s')
        && !word.ends_with("ss")
        && !word.ends_with("us")
        && !word.ends_with("is")
        && !word.chars().any(|c| c.is_ascii_digit())
}

/// The singular of a plural-looking word (`batteries` → `battery`,
/// `boxes` → `box`, `pumps` → `pump`).
pub(crate) fn singular_of(word: &str) -> String {
    if let Some(stem) = word.strip_suffix("ies") {
        return format!("{stem}y");
    }
    for ending in ["sses", "xes", "ches", "shes"] {
        if word.ends_with(ending) {
            return word[..word.len() - 2].to_owned();
        }
    }
    word[..word.len() - 1].to_owned()
}

/// The plural of a singular word (`battery` → `batteries`, `box` → `boxes`).
pub(crate) fn plural_of(word: &str) -> String {
    let vowel_before_y = word
        .chars()
        .rev()
        .nth(1)
        .is_some_and(|c| "aeiou".contains(c));
    if word.ends_with('y') && !vowel_before_y && word.len() > 1 {
        format!("{}ies", &word[..word.len() - 1])
    } else if ["s", "x", "ch", "sh"].iter().any(|e| word.ends_with(e)) {
        format!("{word}es")
    } else {
        format!("{word}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_keep_joins_hashes_and_breaks() {
        let w = words("Order #77120: is the HP-200 ok?");
        let lower: Vec<&str> = w.iter().map(|w| w.lower.as_str()).collect();
        assert_eq!(lower, ["order", "77120", "is", "the", "hp", "200", "ok"]);
        assert!(w[1].hash_before && w[1].break_after);
        assert!(w[4].joiner == Some('-') && w[5].joiner.is_none());
        assert!(w[6].break_after);
        assert!(!w[2].break_after);
    }

    #[test]
    fn inflection() {
        assert!(looks_plural("pumps") && !looks_plural("glass") && !looks_plural("bus"));
        assert_eq!(singular_of("batteries"), "battery");
        assert_eq!(singular_of("boxes"), "box");
        assert_eq!(singular_of("pumps"), "pump");
        assert_eq!(plural_of("battery"), "batteries");
        assert_eq!(plural_of("key"), "keys");
        assert_eq!(plural_of("box"), "boxes");
        assert_eq!(plural_of("pump"), "pumps");
    }
}
