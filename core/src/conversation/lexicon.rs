//! Word lists behind reference detection (`refs.rs`): which neighbouring
//! words make `it`/`this`/`that` a pronoun, an expletive or a remark.
//! Kept apart so the rules in `refs.rs` read in one sitting.

pub(crate) const EXPLETIVE_NEXT: [&str; 10] = [
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
pub(crate) const IDIOM_NEXT: [&str; 21] = [
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
pub(crate) const SKIPPABLE_AUX: [&str; 7] = ["is", "s", "was", "would", "be", "been", "has"];
pub(crate) const DURATION_NEXT: [&str; 12] = [
    "a", "an", "ages", "days", "weeks", "months", "over", "too", "long", "forever", "nearly",
    "almost",
];
pub(crate) const AUX_BEFORE: [&str; 14] = [
    "is", "was", "are", "has", "have", "does", "did", "do", "will", "can", "could", "would",
    "should", "s",
];
pub(crate) const NOT_PRONOUN_AFTER: [&str; 36] = [
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
pub(crate) const ARTICLES: [&str; 7] = ["a", "an", "the", "any", "some", "another", "every"];
pub(crate) const SUBJECT_AFTER: [&str; 16] = [
    "i", "you", "we", "they", "he", "she", "it", "my", "your", "our", "the", "a", "an", "there",
    "these", "those",
];
pub(crate) const PRONOUN_FOLLOWERS: [&str; 71] = [
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
pub(crate) const ORDINALS: [(&str, usize); 13] = [
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

/// Containers that count what follows `of` (`a tub of those`, `a pack of them`):
/// like a number, they let a plural point at units of one product.
pub(crate) const CONTAINERS: [&str; 22] = [
    "tub", "tubs", "tube", "tubes", "pack", "packs", "packet", "packets", "box", "boxes", "bottle",
    "bottles", "bag", "bags", "jar", "jars", "carton", "cartons", "pair", "pairs", "set", "sets",
];

/// Nouns after `the former`/`the latter` that make it a position in time or
/// text (`the latter half`), not a pick from a list.
pub(crate) const NOT_PICKED_AFTER_FORMER: [&str; 12] = [
    "half", "part", "parts", "stage", "stages", "case", "end", "years", "days", "weeks", "months",
    "period",
];

/// Prepositions that attach a reference to the noun right before them
/// (`filters for them`, `the code PV-2231 on it`): the reference is not that noun.
pub(crate) const ATTACHING_PREPOSITIONS: [&str; 9] = [
    "for", "with", "on", "in", "inside", "to", "from", "into", "onto",
];

/// Words in `the <word> one` that do not describe an item (`the same one`,
/// `the right one`): nothing to match against names.
pub(crate) const NOT_DESCRIBING: [&str; 14] = [
    "same", "right", "wrong", "only", "next", "previous", "one", "very", "whole", "new", "old",
    "usual", "original", "exact",
];

/// Words ending in -er/-est that are not comparatives.
pub(crate) const NOT_COMPARATIVE: [&str; 10] = [
    "other", "another", "either", "neither", "silver", "rubber", "copper", "amber", "water",
    "power",
];

/// Words that open a new clause: a subject before them is not the subject
/// of what follows (`is the HP-200 in stock and how much is it`).
pub(crate) const CLAUSE_OPENERS: [&str; 14] = [
    "and", "but", "or", "so", "because", "if", "when", "then", "while", "that", "which", "to",
    "since", "until",
];
