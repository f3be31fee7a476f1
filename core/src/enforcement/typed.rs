//! Typed, borrowing views of the fields the classifier reads, for the
//! bytes fast path (`fast`): one serde pass straight from the bytes, no
//! `serde_json::Value` tree.
//!
//! The shapes are deliberately *stricter* than the `Value` readers: every
//! field listed here must have the type the readers expect wherever it
//! appears (even where a reader would not look at it), objects must be JSON
//! objects (never arrays, see [`Obj`]) and a repeated key is an error. Any
//! such failure sends the body to the `Value` path, which owns the error
//! reporting; the fast path only ever answers for bodies both paths accept.
//! Fields not listed are skipped (`IgnoredAny`); `null` reads as absent.

use serde::de::{self, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use serde_json::Value;
use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

/// A string borrowed from the body when it has no escapes.
#[derive(Debug)]
pub(crate) struct Str<'a>(pub Cow<'a, str>);

impl<'de: 'a, 'a> Deserialize<'de> for Str<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct StrVisitor;
        impl<'de> Visitor<'de> for StrVisitor {
            type Value = Str<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
                Ok(Str(Cow::Borrowed(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(Str(Cow::Owned(v.to_owned())))
            }
        }
        d.deserialize_str(StrVisitor)
    }
}

/// Whether an optional string equals `expected`.
pub(crate) fn is(value: &Option<Str<'_>>, expected: &str) -> bool {
    value.as_ref().is_some_and(|s| s.0 == expected)
}

/// A JSON object deserialised as `T`. serde's derived structs also accept
/// JSON arrays (positionally); the `Value` readers do not, so neither may we.
#[derive(Debug)]
pub(crate) struct Obj<T>(pub T);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Obj<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct ObjVisitor<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for ObjVisitor<T> {
            type Value = T;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
                T::deserialize(de::value::MapAccessDeserializer::new(map))
            }
        }
        d.deserialize_map(ObjVisitor(PhantomData)).map(Obj)
    }
}

/// An optional list (`null` and absent are empty).
pub(crate) type List<T> = Option<Vec<Obj<T>>>;

/// The items of an optional list.
pub(crate) fn items<T>(list: &List<T>) -> impl Iterator<Item = &T> {
    list.iter().flatten().map(|o| &o.0)
}

/// Present (even as `null`) vs absent, for `contains_key` checks.
fn present<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Option<String>>, D::Error> {
    Option::<String>::deserialize(d).map(Some)
}

/// The root of any supported body: the union of the fields the API
/// detector and the four readers look at.
#[derive(Debug, Deserialize)]
#[allow(non_snake_case)]
pub(crate) struct Root<'a> {
    #[serde(borrow)]
    pub object: Option<Str<'a>>,
    #[serde(borrow, rename = "type")]
    pub kind: Option<Str<'a>>,
    #[serde(borrow)]
    pub model: Option<Str<'a>>,
    #[serde(borrow)]
    pub modelVersion: Option<Str<'a>>,
    #[serde(borrow)]
    pub status: Option<Str<'a>>,
    #[serde(borrow)]
    pub incomplete_details: Option<Obj<Reason<'a>>>,
    #[serde(default, deserialize_with = "present")]
    pub stop_reason: Option<Option<String>>,
    pub promptFeedback: Option<Obj<IgnoredAny>>,
    #[serde(borrow)]
    pub output: List<RespItem<'a>>,
    #[serde(borrow)]
    pub choices: List<ChatChoice<'a>>,
    #[serde(borrow)]
    pub candidates: List<Candidate<'a>>,
    #[serde(borrow)]
    pub content: List<Block<'a>>,
    pub usage: Option<Obj<Usage>>,
    pub usageMetadata: Option<Obj<UsageMetadata>>,
}

#[derive(Debug, Deserialize)]
pub(crate) struct Reason<'a> {
    #[serde(borrow)]
    pub reason: Option<Str<'a>>,
}

#[derive(Debug, Deserialize)]
pub(crate) struct Usage {
    pub output_tokens: Option<u64>,
    pub output_tokens_details: Option<Obj<Reasoning>>,
    pub completion_tokens: Option<u64>,
    pub completion_tokens_details: Option<Obj<Reasoning>>,
}

#[derive(Debug, Deserialize)]
pub(crate) struct Reasoning {
    pub reasoning_tokens: Option<u64>,
}

#[derive(Debug, Deserialize)]
#[allow(non_snake_case)]
pub(crate) struct UsageMetadata {
    pub thoughtsTokenCount: Option<u64>,
    pub candidatesTokenCount: Option<u64>,
}

/// An OpenAI Responses `output` item (any type).
#[derive(Debug, Deserialize)]
pub(crate) struct RespItem<'a> {
    #[serde(borrow, rename = "type")]
    pub kind: Option<Str<'a>>,
    #[serde(borrow)]
    pub status: Option<Str<'a>>,
    #[serde(borrow)]
    pub name: Option<Str<'a>>,
    pub arguments: Option<Value>,
    #[serde(borrow)]
    pub action: Option<Obj<Action<'a>>>,
    #[serde(borrow)]
    pub content: List<TextPart<'a>>,
}

#[derive(Debug, Deserialize)]
pub(crate) struct Action<'a> {
    #[serde(borrow)]
    pub query: Option<Str<'a>>,
    #[serde(borrow)]
    pub queries: Option<Vec<Str<'a>>>,
}

/// A content part or text block: `type`, `text`, annotations/citations.
#[derive(Debug, Deserialize)]
pub(crate) struct TextPart<'a> {
    #[serde(borrow, rename = "type")]
    pub kind: Option<Str<'a>>,
    #[serde(borrow)]
    pub text: Option<Str<'a>>,
    #[serde(borrow)]
    pub annotations: List<UrlRef<'a>>,
}

/// An annotation or citation that may carry a `url`.
#[derive(Debug, Deserialize)]
pub(crate) struct UrlRef<'a> {
    #[serde(borrow, rename = "type")]
    pub kind: Option<Str<'a>>,
    #[serde(borrow)]
    pub url: Option<Str<'a>>,
    #[serde(borrow)]
    pub url_citation: Option<Obj<UrlOnly<'a>>>,
}

#[derive(Debug, Deserialize)]
pub(crate) struct UrlOnly<'a> {
    #[serde(borrow)]
    pub url: Option<Str<'a>>,
}

#[derive(Debug, Deserialize)]
pub(crate) struct ChatChoice<'a> {
    #[serde(borrow)]
    pub finish_reason: Option<Str<'a>>,
    #[serde(borrow)]
    pub message: Option<Obj<ChatMessage<'a>>>,
}

#[derive(Debug, Deserialize)]
pub(crate) struct ChatMessage<'a> {
    #[serde(borrow)]
    pub content: Option<TextOrParts<'a>>,
    #[serde(borrow)]
    pub annotations: List<UrlRef<'a>>,
    #[serde(borrow)]
    pub tool_calls: List<ToolCall<'a>>,
    #[serde(borrow)]
    pub function_call: Option<Obj<Function<'a>>>,
}

#[derive(Debug, Deserialize)]
pub(crate) struct ToolCall<'a> {
    #[serde(borrow)]
    pub function: Option<Obj<Function<'a>>>,
}

#[derive(Debug, Deserialize)]
pub(crate) struct Function<'a> {
    #[serde(borrow)]
    pub name: Option<Str<'a>>,
    pub arguments: Option<Value>,
}

/// Chat `content`: a string or an array of parts.
#[derive(Debug)]
pub(crate) enum TextOrParts<'a> {
    Text(Str<'a>),
    Parts(Vec<Obj<TextPart<'a>>>),
}

impl<'de: 'a, 'a> Deserialize<'de> for TextOrParts<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct ContentVisitor;
        impl<'de> Visitor<'de> for ContentVisitor {
            type Value = TextOrParts<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string or an array")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
                Ok(TextOrParts::Text(Str(Cow::Borrowed(v))))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(TextOrParts::Text(Str(Cow::Owned(v.to_owned()))))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let mut parts = Vec::new();
                while let Some(part) = seq.next_element()? {
                    parts.push(part);
                }
                Ok(TextOrParts::Parts(parts))
            }
        }
        d.deserialize_any(ContentVisitor)
    }
}

#[derive(Debug, Deserialize)]
#[allow(non_snake_case)]
pub(crate) struct Candidate<'a> {
    #[serde(borrow)]
    pub finishReason: Option<Str<'a>>,
    #[serde(borrow)]
    pub content: Option<Obj<GeminiContent<'a>>>,
    #[serde(borrow)]
    pub groundingMetadata: Option<Obj<Grounding<'a>>>,
    #[serde(borrow)]
    pub citationMetadata: Option<Obj<CitationMetadata<'a>>>,
}

#[derive(Debug, Deserialize)]
pub(crate) struct GeminiContent<'a> {
    #[serde(borrow)]
    pub parts: List<GeminiPart<'a>>,
}

#[derive(Debug, Deserialize)]
#[allow(non_snake_case)]
pub(crate) struct GeminiPart<'a> {
    pub thought: Option<bool>,
    #[serde(borrow)]
    pub text: Option<Str<'a>>,
    #[serde(borrow)]
    pub functionCall: Option<Obj<GeminiCall<'a>>>,
}

#[derive(Debug, Deserialize)]
pub(crate) struct GeminiCall<'a> {
    #[serde(borrow)]
    pub name: Option<Str<'a>>,
    pub args: Option<Value>,
}

#[derive(Debug, Deserialize)]
#[allow(non_snake_case)]
pub(crate) struct Grounding<'a> {
    #[serde(borrow)]
    pub webSearchQueries: Option<Vec<Str<'a>>>,
    #[serde(borrow)]
    pub groundingChunks: List<Chunk<'a>>,
    pub groundingSupports: List<Support>,
}

#[derive(Debug, Deserialize)]
pub(crate) struct Chunk<'a> {
    #[serde(borrow)]
    pub web: Option<Obj<Uri<'a>>>,
}

#[derive(Debug, Deserialize)]
pub(crate) struct Uri<'a> {
    #[serde(borrow)]
    pub uri: Option<Str<'a>>,
}

#[derive(Debug, Deserialize)]
#[allow(non_snake_case)]
pub(crate) struct Support {
    pub confidenceScores: Option<Vec<f64>>,
}

#[derive(Debug, Deserialize)]
#[allow(non_snake_case)]
pub(crate) struct CitationMetadata<'a> {
    #[serde(borrow)]
    pub citationSources: List<Uri<'a>>,
    #[serde(borrow)]
    pub citations: List<Uri<'a>>,
}

/// An Anthropic content block (any type).
#[derive(Debug, Deserialize)]
pub(crate) struct Block<'a> {
    #[serde(borrow, rename = "type")]
    pub kind: Option<Str<'a>>,
    #[serde(borrow)]
    pub id: Option<Str<'a>>,
    #[serde(borrow)]
    pub name: Option<Str<'a>>,
    #[serde(borrow)]
    pub tool_use_id: Option<Str<'a>>,
    pub input: Option<Value>,
    #[serde(borrow)]
    pub text: Option<Str<'a>>,
    #[serde(borrow)]
    pub citations: List<UrlRef<'a>>,
    #[serde(borrow)]
    pub content: Option<ResultContent<'a>>,
}

/// A tool result's `content`: a list of typed results, or an (error) object.
#[derive(Debug)]
pub(crate) enum ResultContent<'a> {
    List(Vec<Obj<UrlRef<'a>>>),
    Object,
}

impl<'de: 'a, 'a> Deserialize<'de> for ResultContent<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct ResultVisitor;
        impl<'de> Visitor<'de> for ResultVisitor {
            type Value = ResultContent<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an array or an object")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let mut results = Vec::new();
                while let Some(result) = seq.next_element()? {
                    results.push(result);
                }
                Ok(ResultContent::List(results))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(ResultContent::Object)
            }
        }
        d.deserialize_any(ResultVisitor)
    }
}
