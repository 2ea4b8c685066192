//! Frames as image files: an RGB8 buffer encoded as PNG by the `png` crate (image-rs).
//!
//! Kept apart from [`ray`](crate::ray) so the geometry stays free of file formats. Encoding
//! happens in memory; writing the bytes to a file is the caller's choice.

use crate::error::{Error, Result};

/// The largest width or height a PNG image may have (the PNG specification: 2³¹ − 1).
pub const MAX_PNG_SIDE: usize = (1 << 31) - 1;

/// `width` and `height` as PNG image dimensions, so a caller can refuse a size before rendering.
///
/// # Errors
/// [`Error::Png`] when a side is zero or longer than [`MAX_PNG_SIDE`].
pub fn png_dimensions(width: usize, height: usize) -> Result<(u32, u32)> {
    let side = |value: usize| {
        u32::try_from(value)
            .ok()
            .filter(|&side| side > 0 && value <= MAX_PNG_SIDE)
            .ok_or_else(|| {
                Error::Png(format!(
                    "image sides must be 1 to {MAX_PNG_SIDE} pixels, got {value}"
                ))
            })
    };
    Ok((side(width)?, side(height)?))
}

/// The PNG encoding of an RGB8 frame (`width × height` pixels, row-major, top row first).
///
/// # Errors
/// [`Error::FrameLength`] when `rgb` does not hold exactly `width × height × 3` bytes;
/// [`Error::Png`] when [`png_dimensions`] refuses the size or the encoder fails.
///
/// ```
/// use myrustlib_core::{picture::encode_png, ray::render};
///
/// let png = encode_png(&render(8, 6)?, 8, 6)?;
/// assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
/// # Ok::<(), myrustlib_core::Error>(())
/// ```
pub fn encode_png(rgb: &[u8], width: usize, height: usize) -> Result<Vec<u8>> {
    let expected = width.saturating_mul(height).saturating_mul(3);
    if rgb.len() != expected {
        return Err(Error::FrameLength {
            expected,
            actual: rgb.len(),
        });
    }
    let (png_width, png_height) = png_dimensions(width, height)?;
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, png_width, png_height);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    let png_error = |err: png::EncodingError| Error::Png(err.to_string());
    let mut writer = encoder.write_header().map_err(png_error)?;
    writer.write_image_data(rgb).map_err(png_error)?;
    writer.finish().map_err(png_error)?;
    Ok(out)
}
