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
//!   followed by `one`, a clause break, a verb/preposition, or a category noun;
//!   `the former`/`the latter` also before any other word except a time or
//!   text noun (`the latter half`).
//!
//! A count before the phrase (`two of them`, `I'll take 2, …`, and a
//! container: `a tub of those`) marks it *counted*. A phrase right after a
//! preposition that follows a mention (`filters for them`, `PV-2231 on it`)
//! *excludes* that mention: it is what the phrase is attached to, not its
//! antecedent.
//!
//! Not references (documented heuristics, tested): `it is` right after a
//! name (`GP-45 it is (then)`, a choice confirmed); expletive `it` (`is it
//! possible`, `it seems`, `it depends`, `it's been a week`; also `its` typed
//! for `it's`); `that` as a relative pronoun or
//! conjunction (`a pump that can…`, `I think that…`): right after a mention, two
//! words after an article, after a verb of saying/thinking, or before a
//! subject word; `this`/`that` followed by any other noun; remarks about the
//! exchange (`that's all`, `that is fine`, `this is great`).

use super::extract::{number, Found};
use super::lexicon::*;
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
    /// `the pea one`: the one item whose name has that word (`Phrase::descriptor`);
    /// not a reference at all when no tracked item's name has it.
    Described,
    /// `the cheaper one`, `the more expensive one`: a pick by facts (prices,
    /// sizes) the state does not keep, so never resolved.
    Compared,
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
    /// Keys the phrase cannot point at: the noun it is attached to by a
    /// preposition (`filters for them`, `the code PV-2231 on it`) and the
    /// subject of its own clause (`will the TV-3 work with it`).
    pub excluded: Vec<String>,
    /// The word after `the` of a [`Pointer::Described`] or
    /// [`Pointer::Compared`] phrase (`pea`, `cheaper`, `more`).
    pub descriptor: Option<String>,
}

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
            "it" if !expletive(words, i) && !choice_made(words, i, &in_mention) => {
                phrase = Some((i + 1, Pointer::Singular, None))
            }
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
                    let former_or_latter = matches!(lower(i + 1), "former" | "latter");
                    if lower(next) == "one" {
                        phrase = Some((next + 1, pointer, None));
                    } else if let Some(m) = category_at(next) {
                        phrase = Some((mentions[m].end, pointer, Some(m)));
                    } else if words[i + 1].break_after
                        || PRONOUN_FOLLOWERS.contains(&lower(next))
                        || lower(next) == "of"
                        // `the latter` is a pick on its own (`is the latter any good`)
                        // unless a noun makes it a time or place (`the latter half`).
                        || (former_or_latter && !NOT_PICKED_AFTER_FORMER.contains(&lower(next)))
                    {
                        phrase = Some((next, pointer, None));
                    }
                } else if let Some((end, pointer)) = picked_by_word(words, i, &in_mention) {
                    phrase = Some((end, pointer, None));
                }
            }
            _ => {}
        }
        if let Some((end, pointer, consumed)) = phrase {
            let counted = first_count.is_some_and(|k| k < i)
                || (before(1) == "of"
                    && i >= 2
                    && (number(&words[i - 2]).is_some() || CONTAINERS.contains(&before(2))));
            // The noun a preposition attaches the phrase to: the mention ending
            // right before `for`/`with`/`on`… (`filters for them`).
            let attached = (ATTACHING_PREPOSITIONS.contains(&before(1)) && i >= 2)
                .then(|| in_mention[i - 2])
                .flatten()
                .and_then(|m| mentions.get(m))
                .filter(|f| f.end == i - 1);
            let mut excluded: Vec<String> = attached
                .into_iter()
                .chain(clause_subject(words, i, mentions, &in_mention))
                .map(|f| f.key.clone())
                .collect();
            excluded.dedup();
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
                excluded,
                descriptor: matches!(pointer, Pointer::Described | Pointer::Compared)
                    .then(|| lower(i + 1).to_owned()),
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

/// `the pea one` (a word, then `one`) or `the cheaper one` / `the more
/// expensive one` (a comparative or superlative): a pick described in words.
fn picked_by_word(
    words: &[Word],
    i: usize,
    in_mention: &[Option<usize>],
) -> Option<(usize, Pointer)> {
    let lower = |k: usize| words.get(k).map(|w| w.lower.as_str()).unwrap_or("");
    let free = |k: usize| k < words.len() && in_mention[k].is_none();
    if matches!(lower(i + 1), "more" | "less" | "most" | "least") && lower(i + 3) == "one" {
        return (free(i + 2) && !words[i + 1].break_after).then_some((i + 4, Pointer::Compared));
    }
    let word = lower(i + 1);
    if lower(i + 2) != "one"
        || !free(i + 1)
        || words[i + 1].break_after
        || NOT_DESCRIBING.contains(&word)
    {
        return None;
    }
    let comparative = word.chars().count() > 4
        && (word.ends_with("er") || word.ends_with("est"))
        && !NOT_COMPARATIVE.contains(&word);
    Some((
        i + 3,
        if comparative {
            Pointer::Compared
        } else {
            Pointer::Described
        },
    ))
}

/// The mention that is the subject of the clause holding word `i` (`will
/// the TV-3 valve work with it`, `does the SK-10 fit it`): named at the
/// clause start, after at most a question word and an article, with a word
/// between it and `i`. A pronoun never means its own clause's subject.
/// Looks back at most [`MAX_CLAUSE_WORDS`] words, so a long unpunctuated
/// turn stays linear.
fn clause_subject<'m>(
    words: &[Word],
    i: usize,
    mentions: &'m [Found],
    in_mention: &[Option<usize>],
) -> Option<&'m Found> {
    let lower = |k: usize| words.get(k).map_or("", |w| w.lower.as_str());
    let mut start = i;
    while start > 0 && !words[start - 1].break_after && !CLAUSE_OPENERS.contains(&lower(start - 1))
    {
        if i - start >= MAX_CLAUSE_WORDS {
            return None;
        }
        start -= 1;
    }
    let mut k = start;
    if AUX_BEFORE.contains(&lower(k)) {
        k += 1;
    }
    if ARTICLES.contains(&lower(k)) {
        k += 1;
    }
    let m = in_mention.get(k).copied().flatten()?;
    mentions.get(m).filter(|f| f.start == k && f.end < i)
}

/// Longest clause (in words) searched for a subject.
const MAX_CLAUSE_WORDS: usize = 16;

/// `GP-45 it is (then)`: `it is` right after a name confirms a choice; the
/// name is the mention, the `it` points nowhere new.
fn choice_made(words: &[Word], i: usize, in_mention: &[Option<usize>]) -> bool {
    let lower = |k: usize| words.get(k).map(|w| w.lower.as_str()).unwrap_or("");
    i >= 1
        && in_mention.get(i - 1).copied().flatten().is_some()
        && !words[i - 1].break_after
        && matches!(lower(i + 1), "is" | "s")
        && words
            .get(i + 1)
            .is_some_and(|w| w.break_after || lower(i + 2) == "then")
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
#[path = "refs_tests.rs"]
mod tests;
