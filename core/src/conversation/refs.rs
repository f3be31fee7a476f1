//! Finding reference phrases in a user turn (resolution is `resolve.rs`).
//!
//! Phrases, case-insensitive, whole words, never inside an explicit mention:
//! - singular: `it`, `its`, `this one`, `that one`, and `this`/`that` used as a
//!   pronoun; `this`/`that` + a catalogue category noun (`that valve`) is a
//!   singular reference restricted to items of that category.
//! - plural: `they`, `them`, `these`, `those` (`+ ones`), and
//!   `these`/`those` + a category noun (`those pumps`), restricted likewise.
//! - plural also: `both` (not `both of`, not before a name: `both the HP-200
//!   and…` is two mentions), `both pumps`.
//! - ordinal: `the first|second|third|fourth|fifth|1st…5th|last|former|latter`
//!   and `the other` (the member of a two-item list not being talked about),
//!   followed by `one`, a clause break, a verb/preposition, or a category noun.
//!
//! Not references (documented heuristics, tested): expletive `it` (`is it
//! possible`, `it seems`, `it depends`, `it's been a week`; also `its` typed
//! for `it's`); `that` as a relative pronoun or
//! conjunction (`a pump that can…`, `I think that…`): right after a mention, two
//! words after an article, after a verb of saying/thinking, or before a
//! subject word; `this`/`that` followed by any other noun; remarks about the
//! exchange (`that's all`, `that is fine`, `this is great`).

use super::extract::{number, Found};
use super::state::EntityKind;
use super::text::Word;

/// Which entities a phrase may point at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Pointer {
    Singular,
    Plural,
    /// 1-based position in the last list; 0 means the last member.
    Ordinal(usize),
    /// `the other one`: the member of a two-item list not being talked about.
    Other,
}

/// A reference phrase over words `[start, end)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Phrase {
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub pointer: Pointer,
    /// Restrict to items of this category (a category noun in the phrase).
    pub category: Option<String>,
    /// A count (2 or more) precedes it in the turn (`two of them`,
    /// `I'll take 2, do you ship them?`): may point at one product.
    pub counted: bool,
    /// Index (in the mention list) of the category noun the phrase consumed.
    pub consumed_mention: Option<usize>,
}

const EXPLETIVE_NEXT: [&str; 10] = [
    "possible",
    "impossible",
    "likely",
    "unlikely",
    "necessary",
    "seems",
    "appears",
    "depends",
    "raining",
    "matter",
];
const IDIOM_NEXT: [&str; 21] = [
    "all",
    "it",
    "everything",
    "fine",
    "great",
    "perfect",
    "ok",
    "okay",
    "right",
    "correct",
    "helpful",
    "brilliant",
    "lovely",
    "good",
    "kind",
    "fair",
    "true",
    "amazing",
    "awesome",
    "cool",
    "enough",
];
const SKIPPABLE_AUX: [&str; 7] = ["is", "s", "was", "would", "be", "been", "has"];
const DURATION_NEXT: [&str; 12] = [
    "a", "an", "ages", "days", "weeks", "months", "over", "too", "long", "forever", "nearly",
    "almost",
];
const AUX_BEFORE: [&str; 14] = [
    "is", "was", "are", "has", "have", "does", "did", "do", "will", "can", "could", "would",
    "should", "s",
];
const NOT_PRONOUN_AFTER: [&str; 36] = [
    "so",
    "such",
    "sure",
    "think",
    "thought",
    "know",
    "knew",
    "said",
    "say",
    "says",
    "hope",
    "guess",
    "believe",
    "mean",
    "means",
    "realise",
    "realize",
    "notice",
    "noticed",
    "assume",
    "understand",
    "heard",
    "read",
    "told",
    "seems",
    "seem",
    "glad",
    "sorry",
    "aware",
    "something",
    "anything",
    "everything",
    "nothing",
    "one",
    "ones",
    "someone",
];
const ARTICLES: [&str; 7] = ["a", "an", "the", "any", "some", "another", "every"];
const SUBJECT_AFTER: [&str; 16] = [
    "i", "you", "we", "they", "he", "she", "it", "my", "your", "our", "the", "a", "an", "there",
    "these", "those",
];
const PRONOUN_FOLLOWERS: [&str; 71] = [
    "s",
    "is",
    "was",
    "will",
    "would",
    "could",
    "can",
    "should",
    "does",
    "do",
    "did",
    "has",
    "have",
    "had",
    "costs",
    "cost",
    "come",
    "comes",
    "fit",
    "fits",
    "work",
    "works",
    "include",
    "includes",
    "in",
    "on",
    "with",
    "for",
    "available",
    "compatible",
    "ship",
    "ships",
    "shipped",
    "arrive",
    "arrives",
    "arrived",
    "take",
    "takes",
    "need",
    "needs",
    "weigh",
    "weighs",
    "last",
    "lasts",
    "suit",
    "suits",
    "contain",
    "contains",
    "too",
    "please",
    "also",
    "still",
    "instead",
    "as",
    "at",
    "to",
    "again",
    "then",
    "now",
    "right",
    "sounds",
    "looks",
    "seems",
    "be",
    "go",
    "goes",
    "get",
    "gets",
    "cover",
    "covers",
    "require",
];
const ORDINALS: [(&str, usize); 13] = [
    ("former", 1),
    ("latter", 0),
    ("first", 1),
    ("second", 2),
    ("third", 3),
    ("fourth", 4),
    ("fifth", 5),
    ("1st", 1),
    ("2nd", 2),
    ("3rd", 3),
    ("4th", 4),
    ("5th", 5),
    ("last", 0),
];

/// Reference phrases in text order.
pub(crate) fn phrases(words: &[Word], mentions: &[Found]) -> Vec<Phrase> {
    let mut in_mention = vec![None; words.len()];
    for (m, f) in mentions.iter().enumerate() {
        in_mention[f.start..f.end]
            .iter_mut()
            .for_each(|slot| *slot = Some(m));
    }
    // A category mention starting at word `i`, if any.
    let category_at = |i: usize| -> Option<usize> {
        let m = in_mention.get(i).copied().flatten()?;
        let f = mentions.get(m)?;
        (f.kind == EntityKind::Category && f.start == i).then_some(m)
    };
    let lower = |i: usize| words.get(i).map(|w| w.lower.as_str()).unwrap_or("");
    // The first count of two or more outside mentions (`I'll take 2`).
    let first_count = (0..words.len())
        .find(|&k| in_mention[k].is_none() && number(&words[k]).is_some_and(|n| n >= 2));
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        if in_mention[i].is_some() {
            i += 1;
            continue;
        }
        let w = lower(i);
        let before = |k: usize| if i >= k { lower(i - k) } else { "" };
        let mut phrase: Option<(usize, Pointer, Option<usize>)> = None;
        match w {
            "it" if !expletive(words, i) => phrase = Some((i + 1, Pointer::Singular, None)),
            // `its` is also typed for `it's` (`its been a week`): same expletive test.
            "its" if !expletive(words, i) => phrase = Some((i + 1, Pointer::Singular, None)),
            // `they both`, `them both`: a floating quantifier, not a second reference.
            "both"
                if !matches!(
                    before(1),
                    "they" | "them" | "these" | "those" | "we" | "you" | "us"
                ) =>
            {
                if let Some(m) = category_at(i + 1) {
                    phrase = Some((mentions[m].end, Pointer::Plural, Some(m)));
                } else if !matches!(
                    lower(i + 1),
                    "of" | "the" | "a" | "an" | "my" | "your" | "our"
                ) && in_mention.get(i + 1).copied().flatten().is_none()
                {
                    phrase = Some((i + 1, Pointer::Plural, None));
                }
            }
            "they" | "them" => phrase = Some((i + 1, Pointer::Plural, None)),
            "these" | "those" => {
                if let Some(m) = category_at(i + 1) {
                    phrase = Some((mentions[m].end, Pointer::Plural, Some(m)));
                } else if lower(i + 1) == "ones" {
                    phrase = Some((i + 2, Pointer::Plural, None));
                } else if !matches!(lower(i + 1), "who" | "which" | "that") {
                    phrase = Some((i + 1, Pointer::Plural, None));
                }
            }
            "this" | "that" => {
                if lower(i + 1) == "one" {
                    phrase = Some((i + 2, Pointer::Singular, None));
                } else if let Some(m) = category_at(i + 1) {
                    phrase = Some((mentions[m].end, Pointer::Singular, Some(m)));
                } else if demonstrative_pronoun(words, i, &in_mention) {
                    phrase = Some((i + 1, Pointer::Singular, None));
                }
            }
            "the" => {
                let pointer = match lower(i + 1) {
                    "other" => Some(Pointer::Other),
                    word => ORDINALS
                        .iter()
                        .find(|(o, _)| *o == word)
                        .map(|(_, n)| Pointer::Ordinal(*n)),
                };
                if let Some(pointer) = pointer {
                    let next = i + 2;
                    if lower(next) == "one" {
                        phrase = Some((next + 1, pointer, None));
                    } else if let Some(m) = category_at(next) {
                        phrase = Some((mentions[m].end, pointer, Some(m)));
                    } else if words[i + 1].break_after
                        || PRONOUN_FOLLOWERS.contains(&lower(next))
                        || lower(next) == "of"
                    {
                        phrase = Some((next, pointer, None));
                    }
                }
            }
            _ => {}
        }
        if let Some((end, pointer, consumed)) = phrase {
            let counted = first_count.is_some_and(|k| k < i)
                || (before(1) == "of" && i >= 2 && number(&words[i - 2]).is_some());
            out.push(Phrase {
                start: i,
                end,
                text: words[i..end]
                    .iter()
                    .map(|w| w.lower.as_str())
                    .collect::<Vec<_>>()
                    .join(" "),
                pointer,
                category: consumed
                    .and_then(|m| mentions.get(m))
                    .map(|f| f.name.clone()),
                counted,
                consumed_mention: consumed,
            });
            i = end;
        } else {
            i += 1;
        }
    }
    out
}

/// `it` that points at nothing (`is it possible`, `it seems`, `it depends`).
fn expletive(words: &[Word], i: usize) -> bool {
    let mut j = i + 1;
    let mut been = false;
    while j < words.len() && j <= i + 3 && SKIPPABLE_AUX.contains(&words[j].lower.as_str()) {
        been |= words[j].lower == "been";
        j += 1;
    }
    words.get(j).is_some_and(|w| {
        let next = w.lower.as_str();
        EXPLETIVE_NEXT.contains(&next)
            // `it's been a week`, `it has been ages`: time, not a thing.
            || (been && (DURATION_NEXT.contains(&next) || number(w).is_some()))
    })
}

/// `that's all`, `that is fine`, `this is great`: about the exchange, not a thing.
fn idiom(words: &[Word], i: usize) -> bool {
    let mut j = i + 1;
    while j < words.len()
        && j <= i + 3
        && matches!(
            words[j].lower.as_str(),
            "s" | "is" | "ll" | "will" | "be" | "was"
        )
    {
        j += 1;
    }
    j > i + 1
        && words
            .get(j)
            .is_some_and(|w| IDIOM_NEXT.contains(&w.lower.as_str()))
}

/// `this`/`that` standing for a thing, not introducing a clause or a noun.
fn demonstrative_pronoun(words: &[Word], i: usize, in_mention: &[Option<usize>]) -> bool {
    let lower = |k: usize| words.get(k).map(|w| w.lower.as_str()).unwrap_or("");
    let previous = if i >= 1 { lower(i - 1) } else { "" };
    if i >= 1 && AUX_BEFORE.contains(&previous) && !words[i - 1].break_after {
        return true;
    }
    if idiom(words, i) {
        return false;
    }
    let after_mention = i >= 1 && in_mention[i - 1].is_some();
    let after_article_noun = i >= 2 && ARTICLES.contains(&lower(i - 2));
    if after_mention || after_article_noun || NOT_PRONOUN_AFTER.contains(&previous) {
        return false;
    }
    if words[i].break_after {
        return true;
    }
    let next = lower(i + 1);
    !SUBJECT_AFTER.contains(&next) && PRONOUN_FOLLOWERS.contains(&next)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::conversation::text::words;

    fn texts(text: &str) -> Vec<String> {
        phrases(&words(text), &[])
            .into_iter()
            .map(|p| p.text)
            .collect()
    }

    #[test]
    fn finds_pronouns_and_ordinals() {
        assert_eq!(texts("How much is it?"), ["it"]);
        assert_eq!(
            texts("Is that one in stock, and what about the second one?"),
            ["that one", "the second one"]
        );
        assert_eq!(
            texts("are they in stock? I'll take those"),
            ["they", "those"]
        );
        assert_eq!(texts("And the last one?"), ["the last one"]);
        assert_eq!(texts("Tell me about the first."), ["the first"]);
        assert_eq!(texts("has that shipped? I'll take that."), ["that", "that"]);
        assert_eq!(texts("what is its weight"), ["its"]);
        assert_eq!(
            texts("I'll take both. And the other one? The latter is fine"),
            ["both", "the other one", "the latter"]
        );
        assert_eq!(texts("both of them, both the"), ["them"]);
        assert_eq!(texts("are they both in stock"), ["they"]);
    }

    #[test]
    fn skips_non_references() {
        assert!(texts("Is it possible to ship? It depends.").is_empty());
        assert!(texts("its been a week, it's been 3 days, it has been ages").is_empty());
        assert!(texts("I think that you need a part that fits").is_empty());
        assert!(texts("the first time, the last week").is_empty());
        assert!(texts("those who ask").is_empty());
        assert!(texts("That's all for now, that is great").is_empty());
    }

    #[test]
    fn counted() {
        let p = phrases(&words("I'll take two of them"), &[]);
        assert!(p[0].counted);
        let p = phrases(&words("all of them"), &[]);
        assert!(!p[0].counted);
        let p = phrases(&words("I'll take 2. Do you ship them?"), &[]);
        assert!(p[0].counted);
    }
}
