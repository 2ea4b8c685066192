//! Text as fixed-width code units: how CPython stores a `str`, and what only text needs.
//!
//! CPython stores a `str` one code point per unit, at the narrowest width that holds its largest
//! code point (PEP 393): 1 byte below U+0100, 2 bytes below U+10000, else 4 bytes. [`CodeUnits`]
//! borrows such storage (or any byte string, as one-byte units) so that the counters and the
//! random-string generator work on it without decoding or copying; [`CodeUnitsMut`] is the same
//! for a buffer being written; [`Storage`] names the four layouts and says which one a text must
//! use. [`Chars`] is text that may also arrive as UTF-8.
//!
//! ```
//! use myrustlib_core::text::{CodeUnits, Storage};
//!
//! let wide: Vec<u32> = "a😀😀".chars().map(u32::from).collect();
//! let units = CodeUnits::Four(&wide);
//! assert_eq!(units.len(), 3);
//! assert_eq!(units.storage(), Storage::Ucs4);
//! assert_eq!(CodeUnits::One(b"abc").storage(), Storage::Ascii);
//! ```

/// Text as a slice of fixed-width code units, one code point per unit.
///
/// Since each unit is a whole code point, equal neighbouring units are equal neighbouring code
/// points, for any text (lone surrogates included). A byte string is [`CodeUnits::One`].
///
/// ```
/// use myrustlib_core::text::CodeUnits;
///
/// let wide: Vec<u32> = "a😀😀".chars().map(u32::from).collect();
/// assert_eq!(CodeUnits::Four(&wide).count_doubles_slice(), 1);
/// assert_eq!(CodeUnits::One(b"aab").len(), 3);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeUnits<'a> {
    /// One byte per unit: Latin-1 text, or raw bytes.
    One(&'a [u8]),
    /// Two bytes per unit: text in the Basic Multilingual Plane (surrogates included).
    Two(&'a [u16]),
    /// Four bytes per unit: any code point.
    Four(&'a [u32]),
}

/// Code units being written, one code point per unit: the buffer of a text under construction.
#[derive(Debug, PartialEq, Eq)]
pub enum CodeUnitsMut<'a> {
    /// One byte per unit.
    One(&'a mut [u8]),
    /// Two bytes per unit.
    Two(&'a mut [u16]),
    /// Four bytes per unit.
    Four(&'a mut [u32]),
}

/// Applies a generic expression to the slice inside a [`CodeUnits`] (or [`CodeUnitsMut`]),
/// whatever its width: `on_units!(units, slice => count_doubles_slice(slice))`.
macro_rules! on_units {
    ($units:expr, $slice:ident => $body:expr) => {
        match $units {
            $crate::text::CodeUnits::One($slice) => $body,
            $crate::text::CodeUnits::Two($slice) => $body,
            $crate::text::CodeUnits::Four($slice) => $body,
        }
    };
}
pub(crate) use on_units;

impl CodeUnits<'_> {
    /// Number of units (code points, or bytes).
    #[must_use]
    pub fn len(&self) -> usize {
        on_units!(self, units => units.len())
    }

    /// Whether there are no units.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The largest unit (code point or byte), or `None` if there are none.
    ///
    /// ```
    /// use myrustlib_core::text::CodeUnits;
    ///
    /// assert_eq!(CodeUnits::Two(&[0x41, 0x20ac]).max_unit(), Some(0x20ac));
    /// assert_eq!(CodeUnits::One(&[]).max_unit(), None);
    /// ```
    #[must_use]
    #[allow(
        clippy::useless_conversion,
        reason = "u32::from widens u8 and u16, and is a no-op for u32"
    )]
    pub fn max_unit(&self) -> Option<u32> {
        on_units!(self, units => units.iter().copied().max().map(u32::from))
    }

    /// The storage CPython gives a str with exactly these code points: [`Storage::of_max`] of
    /// the largest one (an empty text is ASCII). Scans the units once.
    #[must_use]
    pub fn storage(&self) -> Storage {
        Storage::of_max(self.max_unit().unwrap_or(0))
    }

    /// Whether any unit is at least `floor`; stops at the first one found.
    ///
    /// ```
    /// use myrustlib_core::text::CodeUnits;
    ///
    /// assert!(CodeUnits::One(b"abc").any_at_least(u32::from(b'c')));
    /// assert!(!CodeUnits::One(b"abc").any_at_least(0x80));
    /// ```
    #[must_use]
    #[allow(
        clippy::useless_conversion,
        reason = "u32::from widens u8 and u16, and is a no-op for u32"
    )]
    pub fn any_at_least(&self, floor: u32) -> bool {
        on_units!(self, units => units.iter().any(|&unit| u32::from(unit) >= floor))
    }

    /// Whether these units, stored in `storage`, are in CPython's canonical layout: some code
    /// point needs that layout (for ASCII, always). Stops at the first such code point, so for
    /// typical text it reads only a few units.
    ///
    /// ```
    /// use myrustlib_core::text::{CodeUnits, Storage};
    ///
    /// assert!(CodeUnits::Two(&[0x41, 0x20AC]).is_canonical(Storage::Ucs2));
    /// assert!(!CodeUnits::Two(&[0x41, 0x42]).is_canonical(Storage::Ucs2));
    /// ```
    #[must_use]
    pub fn is_canonical(&self, storage: Storage) -> bool {
        storage == Storage::Ascii || self.any_at_least(storage.min_code_point())
    }
}

impl CodeUnitsMut<'_> {
    /// Number of units.
    #[must_use]
    pub fn len(&self) -> usize {
        match self {
            Self::One(units) => units.len(),
            Self::Two(units) => units.len(),
            Self::Four(units) => units.len(),
        }
    }

    /// Whether there are no units.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// CPython's four layouts of a `str` (PEP 393), from the narrowest.
///
/// A str must use the layout of its largest code point: CPython compares and hashes strings on
/// that assumption, so a text built in place is checked against [`CodeUnits::storage`] when it is
/// finished.
///
/// ```
/// use myrustlib_core::text::{Storage, Width};
///
/// assert_eq!(Storage::of_max(u32::from('é')), Storage::Latin1);
/// assert_eq!(Storage::Latin1.width(), Width::One);
/// assert_eq!(Storage::of_max(0x1F600).max_code_point(), 0x10_FFFF);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Storage {
    /// Code points below 128, one byte each (the bytes are also the text's UTF-8).
    Ascii,
    /// Code points below 256, one byte each.
    Latin1,
    /// Code points below 65,536, two bytes each.
    Ucs2,
    /// Any code point, four bytes each.
    Ucs4,
}

/// Bytes per code unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Width {
    /// One byte per unit.
    One,
    /// Two bytes per unit.
    Two,
    /// Four bytes per unit.
    Four,
}

impl Width {
    /// Bytes per unit: 1, 2 or 4 (CPython's `PyUnicode_KIND` values).
    #[must_use]
    pub const fn bytes(self) -> u8 {
        match self {
            Self::One => 1,
            Self::Two => 2,
            Self::Four => 4,
        }
    }
}

impl Storage {
    /// The layout of a str whose largest code point is `max`.
    #[must_use]
    pub const fn of_max(max: u32) -> Self {
        match max {
            0..0x80 => Self::Ascii,
            0x80..0x100 => Self::Latin1,
            0x100..0x1_0000 => Self::Ucs2,
            _ => Self::Ucs4,
        }
    }

    /// The smallest code point that needs this layout (0 for ASCII).
    #[must_use]
    pub const fn min_code_point(self) -> u32 {
        match self {
            Self::Ascii => 0,
            Self::Latin1 => 0x80,
            Self::Ucs2 => 0x100,
            Self::Ucs4 => 0x1_0000,
        }
    }

    /// The largest code point this layout holds (what CPython's `PyUnicode_New` is told).
    #[must_use]
    pub const fn max_code_point(self) -> u32 {
        match self {
            Self::Ascii => 0x7F,
            Self::Latin1 => 0xFF,
            Self::Ucs2 => 0xFFFF,
            Self::Ucs4 => 0x10_FFFF,
        }
    }

    /// Bytes per code unit in this layout.
    #[must_use]
    pub const fn width(self) -> Width {
        match self {
            Self::Ascii | Self::Latin1 => Width::One,
            Self::Ucs2 => Width::Two,
            Self::Ucs4 => Width::Four,
        }
    }
}

/// Text to be read code point by code point: UTF-8, or fixed-width code units.
///
/// Both give the same code points, so anything counted over [`Chars`] has one answer whatever
/// the representation. UTF-8 lets the naive counters show what decoding costs; a caller that
/// holds text as code units (CPython's storage) passes those and nothing is decoded.
///
/// ```
/// use myrustlib_core::text::{Chars, CodeUnits};
///
/// let units: Vec<u16> = "€€a".encode_utf16().collect();
/// assert_eq!(Chars::Utf8("€€a").count_doubles(), Chars::Units(CodeUnits::Two(&units)).count_doubles());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Chars<'a> {
    /// UTF-8 text, decoded into `char`s as it is read.
    Utf8(&'a str),
    /// Code points stored one per unit.
    Units(CodeUnits<'a>),
}

impl Chars<'_> {
    /// Number of items a pass reads: bytes of UTF-8, or code units.
    #[must_use]
    pub fn len(&self) -> usize {
        match self {
            Self::Utf8(text) => text.len(),
            Self::Units(units) => units.len(),
        }
    }

    /// Whether there is no text.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn storage_boundaries() {
        for (max, storage) in [
            (0, Storage::Ascii),
            (0x7F, Storage::Ascii),
            (0x80, Storage::Latin1),
            (0xFF, Storage::Latin1),
            (0x100, Storage::Ucs2),
            (0xFFFF, Storage::Ucs2),
            (0x1_0000, Storage::Ucs4),
            (0x10_FFFF, Storage::Ucs4),
        ] {
            assert_eq!(Storage::of_max(max), storage, "{max:#x}");
            assert!(storage.min_code_point() <= max && max <= storage.max_code_point());
            assert_eq!(Storage::of_max(storage.max_code_point()), storage);
        }
    }

    #[test]
    fn units_report_their_storage() {
        assert_eq!(CodeUnits::One(&[]).storage(), Storage::Ascii);
        assert_eq!(CodeUnits::One(&[0x41, 0xE9]).storage(), Storage::Latin1);
        // A wide buffer holding only narrow code points is not in its canonical layout.
        assert_eq!(CodeUnits::Four(&[0x41]).storage(), Storage::Ascii);
        assert_eq!(CodeUnits::Two(&[0x20AC]).storage(), Storage::Ucs2);
    }

    #[test]
    fn lengths() {
        let mut buffer = [0_u16; 3];
        assert_eq!(CodeUnitsMut::Two(&mut buffer).len(), 3);
        assert!(CodeUnitsMut::One(&mut []).is_empty());
        assert!(Chars::Utf8("").is_empty());
        assert_eq!(Chars::Units(CodeUnits::One(b"ab")).len(), 2);
    }
}
