//! Frames as image files: an RGB8 buffer encoded as PNG by the `png` crate (image-rs).
//!
//! Kept apart from [`ray`] so the geometry stays free of file formats. [`write_png`]
//! streams the image into any writer (a file, a `Vec<u8>`, a socket); [`save_png`] renders the
//! scene and writes it to a file.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;

use crate::error::{Error, Result};
use crate::ray;

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

/// Writes an RGB8 frame (`width × height` pixels, row-major, top row first) to `out` as PNG.
///
/// `out` is not flushed: wrap a file in a `BufWriter` and flush it afterwards to see write
/// errors.
///
/// # Errors
/// [`Error::FrameLength`] when `rgb` does not hold exactly `width × height × 3` bytes;
/// [`Error::Png`] when [`png_dimensions`] refuses the size; [`Error::OutOfMemory`] when the
/// encoder's working memory cannot be allocated; [`Error::Io`] when `out` fails.
///
/// ```
/// use myrustlib_core::{picture::write_png, ray::render};
///
/// let mut png = Vec::new();
/// write_png(&mut png, &render(8, 6)?, 8, 6)?;
/// assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
/// # Ok::<(), myrustlib_core::Error>(())
/// ```
pub fn write_png<W: Write>(out: &mut W, rgb: &[u8], width: usize, height: usize) -> Result<()> {
    let expected = width.saturating_mul(height).saturating_mul(3);
    if rgb.len() != expected {
        return Err(Error::FrameLength {
            expected,
            actual: rgb.len(),
        });
    }
    let (png_width, png_height) = png_dimensions(width, height)?;
    reserve_encoder_memory(width, rgb.len())?;
    let mut encoder = png::Encoder::new(out, png_width, png_height);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header().map_err(png_error)?;
    writer.write_image_data(rgb).map_err(png_error)?;
    writer.finish().map_err(png_error)
}

/// Checks that the encoder's own buffers can be allocated, because it allocates them with `Vec`,
/// which aborts the process on failure: two filtered rows, and the compressed stream, which for
/// data that does not compress is about as large as the input. The probe is freed at once (with
/// overcommit it never even touches the memory).
fn reserve_encoder_memory(width: usize, frame_bytes: usize) -> Result<()> {
    let row = width.saturating_mul(3).saturating_add(1);
    let compressed = frame_bytes
        .saturating_add(frame_bytes / 1000)
        .saturating_add(1 << 16);
    let bytes = row.saturating_mul(2).saturating_add(compressed);
    let mut probe = Vec::<u8>::new();
    probe
        .try_reserve_exact(bytes)
        .map_err(|_| Error::OutOfMemory { bytes })?;
    // Without this the optimiser may remove the unused allocation, and the check with it.
    std::hint::black_box(&mut probe);
    Ok(())
}

fn png_error(err: png::EncodingError) -> Error {
    match err {
        png::EncodingError::IoError(err) => Error::io(&err, None),
        other => Error::Png(other.to_string()),
    }
}

/// The pixels of a `width × height` frame that [`save_png`] can write, checked before any work:
/// the size must fit in memory and in PNG's limits.
///
/// # Errors
/// As [`ray::frame_len`] and [`png_dimensions`] decide.
pub fn png_frame_pixels(width: usize, height: usize) -> Result<usize> {
    let bytes = ray::frame_len(width, height)?;
    png_dimensions(width, height)?;
    Ok(bytes / 3)
}

/// Renders the scene ([`ray::render`], in parallel) and writes it to `path` as a PNG file,
/// replacing an existing one.
///
/// Sizes are checked ([`png_frame_pixels`]) before anything is rendered or created.
///
/// # Errors
/// What [`png_frame_pixels`] and [`ray::render`] refuse; [`Error::Io`] naming `path` when the
/// file cannot be created or written.
///
/// ```
/// use myrustlib_core::picture::save_png;
///
/// let path = std::env::temp_dir().join("myrustlib-doc-save.png");
/// save_png(&path, 8, 6)?;
/// assert_eq!(&std::fs::read(&path).map_err(|e| myrustlib_core::Error::io(&e, None))?[..4], b"\x89PNG");
/// # std::fs::remove_file(&path).ok();
/// # Ok::<(), myrustlib_core::Error>(())
/// ```
pub fn save_png(path: &Path, width: usize, height: usize) -> Result<()> {
    png_frame_pixels(width, height)?;
    let frame = ray::render(width, height)?;
    let in_file = |err: Error| match err {
        Error::Io {
            path: None,
            errno,
            message,
        } => Error::Io {
            path: Some(path.to_path_buf()),
            errno,
            message,
        },
        other => other,
    };
    let file = File::create(path).map_err(|err| Error::io(&err, Some(path)))?;
    let mut out = BufWriter::new(file);
    write_png(&mut out, &frame, width, height).map_err(in_file)?;
    out.flush().map_err(|err| Error::io(&err, Some(path)))
}
