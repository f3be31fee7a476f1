//! Inline `http(s)://` URLs in answer text.
//!
//! A URL starts at `http://` or `https://` (case-sensitive, as the seed's
//! `https?://[^\s]+`) and runs to the first whitespace or one of `<>"` and
//! the backtick. Trailing punctuation that ends a sentence or wraps the link
//! is trimmed: `.,;:!?'*_~` and a closing `)`/`]`/`}` that has no opening
//! partner inside the URL (so `https://en.wikipedia.org/wiki/Foo_(bar)` keeps
//! its parenthesis but `[site](https://site.example/a).` loses `).`).

use memchr::memmem;

/// The inline URLs of `text`, in order of appearance (not de-duplicated).
pub fn inline_urls(text: &str) -> Vec<&str> {
    let mut urls = Vec::new();
    let mut resume = 0usize;
    for start in memmem::find_iter(text.as_bytes(), b"http") {
        if start < resume {
            continue;
        }
        let rest = &text[start..];
        let scheme_len = if rest.starts_with("https://") {
            8
        } else if rest.starts_with("http://") {
            7
        } else {
            continue;
        };
        let end = rest
            .char_indices()
            .find(|&(_, c)| c.is_whitespace() || matches!(c, '<' | '>' | '"' | '`'))
            .map_or(rest.len(), |(i, _)| i);
        let url = trim_trailing(&rest[..end]);
        resume = start + end;
        if url.len() > scheme_len {
            urls.push(url);
        }
    }
    urls
}

/// Removes trailing punctuation and unbalanced closing brackets.
fn trim_trailing(mut url: &str) -> &str {
    loop {
        let Some(last) = url.chars().next_back() else {
            return url;
        };
        let trim = match last {
            '.' | ',' | ';' | ':' | '!' | '?' | '\'' | '*' | '_' | '~' => true,
            ')' => count(url, '(') < count(url, ')'),
            ']' => count(url, '[') < count(url, ']'),
            '}' => count(url, '{') < count(url, '}'),
            _ => false,
        };
        if !trim {
            return url;
        }
        url = &url[..url.len() - last.len_utf8()];
    }
}

fn count(text: &str, wanted: char) -> usize {
    text.chars().filter(|&c| c == wanted).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_urls_and_trims_trailing_punctuation() {
        let text = "See https://a.example/x. Also (http://b.example/y), \
                    [c](https://c.example/z?utm_source=openai)). And https://en.wikipedia.org/wiki/Foo_(bar)!";
        assert_eq!(
            inline_urls(text),
            [
                "https://a.example/x",
                "http://b.example/y",
                "https://c.example/z?utm_source=openai",
                "https://en.wikipedia.org/wiki/Foo_(bar)",
            ]
        );
    }

    #[test]
    fn ignores_bare_schemes_and_other_words() {
        assert!(inline_urls("https:// and http:// and httpx://a and HTTP").is_empty());
        assert_eq!(
            inline_urls("voir https://ü.example/ä."),
            ["https://ü.example/ä"]
        );
        assert_eq!(inline_urls("<https://x.example>"), ["https://x.example"]);
    }
}
