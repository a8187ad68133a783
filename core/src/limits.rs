//! VIS-13: how much text from outside a desk keeps.
//!
//! Every text an operation takes (a name, a subject, a message, an
//! address…) is trimmed and measured against one of three limits, chosen by
//! what the text is. Over a limit is `invalid_input` naming the field and
//! the limit, and nothing is written. A desk takes its limits from
//! [`crate::Helpdesk::with_limits`]; the defaults suit a helpdesk.

use crate::{Error, Result};
use serde::{Deserialize, Serialize};

/// The size limits of a desk's text inputs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(default)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Limits {
    /// Names, codes, e-mail addresses, phones, labels, lots, templates and
    /// search text, in characters (default 256).
    #[cfg_attr(feature = "uniffi", uniffi(default = 256))]
    pub short: u32,
    /// A ticket's subject, in characters (default 300).
    #[cfg_attr(feature = "uniffi", uniffi(default = 300))]
    pub subject: u32,
    /// Descriptions, messages, notes, addresses, reasons and rating
    /// feedback, in bytes of UTF-8 (default 262,144: 256 KiB).
    #[cfg_attr(feature = "uniffi", uniffi(default = 262144))]
    pub text: u32,
}

/// How a desk is set up beyond its store and clock, as data: what every
/// language's `in_memory`/`open` takes besides a clock
/// ([`crate::Helpdesk::with_options`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(default)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct DeskOptions {
    /// Seeds the random source coupon codes are drawn from, making them
    /// reproducible: for tests, never production (a seeded code can be
    /// predicted). `None`: the operating system's source.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub seed: Option<u64>,
    /// The text limits (VIS-13).
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub limits: Limits,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            short: 256,
            subject: 300,
            text: 256 * 1024,
        }
    }
}

impl Limits {
    /// Trims `value` and checks it against the limit for `field` (see
    /// [`Limits`]: `subject`; `description`, `body`, `notes`, `address`,
    /// `reason` and `feedback` are long text; everything else is short).
    pub fn text(&self, field: &'static str, value: &str) -> Result<String> {
        let value = value.trim();
        let (size, limit, unit) = match field {
            "subject" => (value.chars().count(), self.subject, "characters"),
            "description" | "body" | "notes" | "address" | "reason" | "feedback" => {
                (value.len(), self.text, "bytes")
            }
            _ => (value.chars().count(), self.short, "characters"),
        };
        if size > limit as usize {
            return Err(Error::invalid(
                field,
                format!("at most {limit} {unit} (this desk's limit), not {size}"),
            ));
        }
        Ok(value.to_string())
    }

    /// [`Limits::text`] of an optional text; an empty one is none.
    pub fn optional_text(
        &self,
        field: &'static str,
        value: Option<String>,
    ) -> Result<Option<String>> {
        Ok(match value {
            Some(value) => Some(self.text(field, &value)?).filter(|v| !v.is_empty()),
            None => None,
        })
    }

    /// [`Limits::text`] of a text that must not be empty.
    pub fn required_text(&self, field: &'static str, value: &str) -> Result<String> {
        let text = self.text(field, value)?;
        if text.is_empty() {
            return Err(Error::invalid(field, format!("{field} must not be empty")));
        }
        Ok(text)
    }
}
