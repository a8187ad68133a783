//! Coupon codes (CPN-3): 80 random bits in Crockford's base32, grouped by
//! four for reading, with Crockford's mod-37 check character, which
//! catches any single mistyped character and any two adjacent characters
//! swapped.
//!
//! `7KQ2-M9XD-4HTP-W1BE-Z`: sixteen data characters and the check.

use crate::random::RandomSource;
use crate::Result;

/// Data characters of a code: 16 × 5 bits = 80 bits of entropy.
pub const DATA_CHARS: usize = 16;

const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
/// The check symbols: the alphabet and five more for values 32 to 36.
const CHECK_SYMBOLS: &[u8; 37] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ*~$=U";

/// What a typed code turned out to be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Parsed {
    /// A well-formed code, in canonical form (`XXXX-XXXX-XXXX-XXXX-C`).
    Valid(String),
    /// The right length, but a character is not in the alphabet or the
    /// check character does not match: a character was mistyped or two
    /// were swapped.
    Mistyped,
    /// Not a code at all (wrong length).
    Malformed,
}

/// Draws a new code from `random`.
pub fn generate(random: &dyn RandomSource) -> Result<String> {
    let mut bytes = [0u8; 10];
    random.fill(&mut bytes)?;
    let value = bytes
        .iter()
        .fold(0u128, |acc, b| (acc << 8) | u128::from(*b));
    let digits: Vec<u8> = (0..DATA_CHARS)
        .rev()
        .map(|i| ((value >> (5 * i)) & 31) as u8)
        .collect();
    Ok(format_code(&digits))
}

fn format_code(digits: &[u8]) -> String {
    let mut out = String::with_capacity(DATA_CHARS + 5);
    for (i, d) in digits.iter().enumerate() {
        if i > 0 && i % 4 == 0 {
            out.push('-');
        }
        out.push(char::from(ALPHABET[usize::from(*d)]));
    }
    out.push('-');
    out.push(char::from(CHECK_SYMBOLS[usize::from(check(digits))]));
    out
}

/// Crockford's check: the value of the digits modulo 37.
fn check(digits: &[u8]) -> u8 {
    let rest = digits
        .iter()
        .fold(0u32, |acc, d| (acc * 32 + u32::from(*d)) % 37);
    rest as u8
}

/// The value of a typed data character, forgiving case and the look-alikes
/// Crockford allows (`I`, `L` → 1, `O` → 0).
fn digit(c: char) -> Option<u8> {
    let c = match c.to_ascii_uppercase() {
        'I' | 'L' => '1',
        'O' => '0',
        other => other,
    };
    ALPHABET
        .iter()
        .position(|&a| char::from(a) == c)
        .map(|p| p as u8)
}

/// Reads a code as a customer may type it: any case, with or without the
/// hyphens or spaces.
pub fn parse(typed: &str) -> Parsed {
    let chars: Vec<char> = typed.chars().filter(|c| !matches!(c, '-' | ' ')).collect();
    let Some((&check_char, data)) = chars.split_last() else {
        return Parsed::Malformed;
    };
    if data.len() != DATA_CHARS {
        return Parsed::Malformed;
    }
    // The right length: a character outside the alphabets is a typo.
    let Some(digits) = data.iter().map(|c| digit(*c)).collect::<Option<Vec<u8>>>() else {
        return Parsed::Mistyped;
    };
    let check_char = match check_char.to_ascii_uppercase() {
        'I' | 'L' => '1',
        'O' => '0',
        other => other,
    };
    match CHECK_SYMBOLS
        .iter()
        .position(|&a| char::from(a) == check_char)
    {
        Some(given) if given as u8 == check(&digits) => Parsed::Valid(format_code(&digits)),
        _ => Parsed::Mistyped,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::random::SeededRandom;

    #[test]
    fn cpn_3_codes_are_grouped_and_read_back_in_any_case() {
        let random = SeededRandom::new(7);
        let code = generate(&random).unwrap();
        assert_eq!(code.len(), DATA_CHARS + 5);
        assert_eq!(code.matches('-').count(), 4);
        assert_eq!(parse(&code), Parsed::Valid(code.clone()));
        let sloppy = code.to_lowercase().replace('-', " ");
        assert_eq!(parse(&sloppy), Parsed::Valid(code.clone()));
        assert_eq!(parse("ABC"), Parsed::Malformed);
    }

    #[test]
    fn cpn_3_every_single_substitution_and_adjacent_swap_is_caught() {
        let random = SeededRandom::new(11);
        for _ in 0..50 {
            let code = generate(&random).unwrap();
            let chars: Vec<char> = code.chars().collect();
            let positions: Vec<usize> = (0..chars.len()).filter(|&i| chars[i] != '-').collect();
            for &i in &positions {
                for &other in ALPHABET {
                    let other = char::from(other);
                    if other == chars[i] {
                        continue;
                    }
                    let mut typo = chars.clone();
                    typo[i] = other;
                    let typo: String = typo.into_iter().collect();
                    assert_eq!(parse(&typo), Parsed::Mistyped, "{code} → {typo}");
                }
            }
            for pair in positions.windows(2) {
                let mut swapped = chars.clone();
                swapped.swap(pair[0], pair[1]);
                if swapped != chars {
                    let swapped: String = swapped.into_iter().collect();
                    assert_eq!(parse(&swapped), Parsed::Mistyped, "{code} → {swapped}");
                }
            }
        }
    }
}
