//! HTML bodies as safe plain text (MAIL-1).
//!
//! `mail-parser`'s converter drops tags and the contents of `<script>`,
//! `<style>`, `<head>` and `<template>`, but only when the opening tag has no
//! attribute: `<script type="text/javascript">` lets the script's source
//! through as text. The elements whose contents are never text are cut out
//! here first, whatever their attributes, and the rest is converted by
//! `mail-parser`.

/// Elements whose contents are code or metadata, never text to read.
const HIDDEN_ELEMENTS: [&str; 6] = ["script", "style", "head", "template", "title", "noscript"];

/// `html` as plain text: no tags, no script or style contents, entities
/// decoded, each line trimmed, at most one blank line in a row.
pub(super) fn html_to_text(html: &str) -> String {
    let visible = strip_hidden_elements(html);
    let text = mail_parser::decoders::html::html_to_text(&visible);
    let mut out = String::with_capacity(text.len());
    let mut blank_lines = 0;
    for line in text.lines().map(str::trim) {
        if line.is_empty() {
            blank_lines += 1;
            if blank_lines > 1 {
                continue;
            }
        } else {
            blank_lines = 0;
        }
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(line);
    }
    out.trim().to_string()
}

/// `html` without the hidden elements (opening tag, contents and closing
/// tag); an element never closed runs to the end.
fn strip_hidden_elements(html: &str) -> String {
    let bytes = html.as_bytes();
    let mut out = String::with_capacity(html.len());
    let mut copied = 0; // bytes of `html` already dealt with
    let mut pos = 0;
    while let Some(offset) = bytes[pos..].iter().position(|&b| b == b'<') {
        let open = pos + offset;
        match hidden_element_at(bytes, open) {
            Some(name) => {
                out.push_str(&html[copied..open]);
                let after_open = open + 1 + name.len();
                copied = closing_tag_end(bytes, after_open, name).unwrap_or(bytes.len());
                pos = copied;
            }
            None => pos = open + 1,
        }
        if pos >= bytes.len() {
            break;
        }
    }
    if copied < bytes.len() {
        out.push_str(&html[copied..]);
    }
    out
}

/// The hidden element whose opening tag starts at `open` (a `<`), if any.
fn hidden_element_at(bytes: &[u8], open: usize) -> Option<&'static str> {
    HIDDEN_ELEMENTS.into_iter().find(|name| {
        let start = open + 1;
        let end = start + name.len();
        bytes
            .get(start..end)
            .is_some_and(|tag| tag.eq_ignore_ascii_case(name.as_bytes()))
            && bytes
                .get(end)
                .is_none_or(|&b| b == b'>' || b == b'/' || b.is_ascii_whitespace())
    })
}

/// Where the `</name …>` closing tag at or after `from` ends (just past its
/// `>`), or `None` when the element is never closed.
fn closing_tag_end(bytes: &[u8], from: usize, name: &str) -> Option<usize> {
    let mut pos = from;
    while let Some(offset) = bytes.get(pos..)?.windows(2).position(|w| w == b"</") {
        let start = pos + offset + 2;
        let end = start + name.len();
        let named = bytes
            .get(start..end)
            .is_some_and(|tag| tag.eq_ignore_ascii_case(name.as_bytes()))
            && bytes
                .get(end)
                .is_none_or(|&b| b == b'>' || b.is_ascii_whitespace());
        if named {
            let close = bytes.get(end..)?.iter().position(|&b| b == b'>')?;
            return Some(end + close + 1);
        }
        pos = start;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_and_styles_with_attributes_leave_no_trace() {
        let html = "<html><head><title>T</title><style type=\"text/css\">p{color:red}</style></head>\
                    <body><p>Hello <b>world</b></p><SCRIPT type=\"text/javascript\">alert('x')</SCRIPT >\
                    <p>Bye &amp; thanks</p><script>never closed";
        let text = html_to_text(html);
        assert_eq!(text, "Hello world\nBye & thanks");
    }

    #[test]
    fn a_lookalike_tag_is_kept() {
        assert_eq!(html_to_text("<scripture>Psalm</scripture>"), "Psalm");
    }
}
