//! The one rule for every address the server redirects to on someone's say-so (`next` after
//! sign-in, the language switch, `back` after adding an action): a path on this site, never
//! another host.
//!
//! Browsers are generous readers of `Location`: they drop tab, CR and LF (`/\t/evil.example`
//! becomes `//evil.example`), read `\` as `/`, and some decode percent-escapes before deciding
//! what the host is. So the rule is strict on purpose: printable ASCII only, one leading `/`, no
//! `//` and no `\` anywhere, and the same again after percent-decoding, so `%09`, `%0A`, `%2F%2F`
//! and `%5C` cannot smuggle one in.

/// `target` when it is safe to redirect to, else `None`.
pub fn same_site(target: &str) -> Option<&str> {
    let plain = target.starts_with('/')
        && target.bytes().all(|b| b.is_ascii_graphic())
        && !target.contains("//")
        && !target.contains('\\');
    if !plain {
        return None;
    }
    // Decoded a few times over, for a reader that decodes twice (`%252F`); each round must still
    // be a same-site path. Non-ASCII text (an encoded search word) is fine once decoded.
    let mut text = target.as_bytes().to_vec();
    for _ in 0..3 {
        let decoded = percent_decode(&text);
        let breaks_out = decoded.iter().any(|b| b.is_ascii_control() || *b == b'\\')
            || decoded.windows(2).any(|w| w == b"//")
            || decoded.first() != Some(&b'/');
        if breaks_out {
            return None;
        }
        if decoded == text {
            break;
        }
        text = decoded;
    }
    Some(target)
}

/// `target` if it is [`same_site`], else the home page.
pub fn or_home(target: Option<&str>) -> String {
    target.and_then(same_site).unwrap_or("/").to_owned()
}

fn percent_decode(bytes: &[u8]) -> Vec<u8> {
    let hex = |b: u8| (b as char).to_digit(16);
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_on_this_site_are_kept() {
        for good in [
            "/",
            "/orgs",
            "/orgs/3/assessments/7?notice=saved#improvements",
            "/orgs/3/risk?q=%E4%BA%8B%E5%8B%99%E6%89%80",
            "/orgs/3?a=1%2C2",
        ] {
            assert_eq!(same_site(good), Some(good), "{good}");
        }
    }

    #[test]
    fn nothing_that_a_browser_could_read_as_another_host_is_followed() {
        for bad in [
            "",
            "orgs",
            "//evil.example/",
            "///evil.example/",
            "/\t/evil.example/",
            "/\r/evil.example/",
            "/\n/evil.example/",
            "/\\evil.example/",
            "/\\/evil.example/",
            "\\\\evil.example",
            "/%09/evil.example/",
            "/%0a/evil.example/",
            "/%0D/evil.example/",
            "/%2F/evil.example/",
            "/%2f%2fevil.example/",
            "/%5Cevil.example/",
            "/%252F/evil.example/",
            "/ /evil.example/",
            "https://evil.example/",
            "http:evil.example",
            "javascript:alert(1)",
            "/日本語",
        ] {
            assert_eq!(same_site(bad), None, "{bad:?}");
            assert_eq!(or_home(Some(bad)), "/", "{bad:?}");
        }
        assert_eq!(or_home(None), "/");
    }
}
