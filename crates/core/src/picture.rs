//! Frames as image files: an RGB8 buffer encoded as PNG by the `png` crate (image-rs).
//!
//! Kept apart from [`ray`](crate::ray) so the geometry stays free of file formats. Encoding
//! happens in memory; writing the bytes to a file is the caller's choice.

use crate::error::{Error, Result};

/// The PNG encoding of an RGB8 frame (`width × height` pixels, row-major, top row first).
///
/// # Errors
/// [`Error::FrameLength`] when `rgb` does not hold exactly `width × height × 3` bytes;
/// [`Error::Png`] when a side exceeds what PNG allows (2³¹ − 1) or the encoder refuses.
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
    let side = |value: usize| {
        u32::try_from(value).map_err(|_| Error::Png(format!("image side {value} is too large")))
    };
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, side(width)?, side(height)?);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    let png_error = |err: png::EncodingError| Error::Png(err.to_string());
    let mut writer = encoder.write_header().map_err(png_error)?;
    writer.write_image_data(rgb).map_err(png_error)?;
    writer.finish().map_err(png_error)?;
    Ok(out)
}
