//! Ray–sphere geometry and the one-sphere scene of the "Rusty Python" ray tracer.
//!
//! [`Vec3`], [`Line`] and [`Sphere`] are small `f64` value types; [`Sphere::intersect`] finds where
//! a ray first meets a sphere. [`color`] shades one pixel of the scene and [`render`] draws a whole
//! frame in parallel.
//!
//! # Same answers as the talk's Python code, bit for bit
//! Every formula here performs the same IEEE-754 operations in the same order as the talk's
//! pure-Python classes (and `myrustlib.reference.ray`): `a·b` is `(a.x*b.x + a.y*b.y) + a.z*b.z`;
//! a unit vector is `v.scale(1 / length)`; `r²` is the C library's `pow(r, 2)`, which Python's
//! `r**2` calls (it rounds differently from `r * r` for about one radius in a thousand); the
//! screen point is `(8.0 * x) / width`. Rust never fuses or reorders floating-point operations on
//! its own, so every result, and every frame, equals the Python one, and the tests check exactly
//! that.
//!
//! # Intersection semantics
//! A ray is `p + t·v` for `t ≥ 0` with any non-zero direction `v` (not only unit length). The
//! intersection is the nearest point with `t ≥ 0`: the entry point when the sphere lies ahead, the
//! exit point when `p` is inside it, and none when the sphere lies behind `p` or the ray misses.
//! NaN anywhere in the inputs gives no intersection.
//!
//! ```
//! use myrustlib_core::ray::{Line, Sphere, Vec3};
//!
//! let sphere = Sphere::new(Vec3::new(0.0, 0.0, 10.0), 2.0)?;
//! let ray = Line::new(Vec3::new(0.0, 0.0, 0.0), Vec3::new(0.0, 0.0, 5.0));
//! assert_eq!(sphere.intersect(&ray)?, Some(Vec3::new(0.0, 0.0, 8.0)));
//! let away = Line::new(Vec3::new(0.0, 0.0, 0.0), Vec3::new(0.0, 0.0, -1.0));
//! assert_eq!(sphere.intersect(&away)?, None);
//! # Ok::<(), myrustlib_core::Error>(())
//! ```

use std::ops::{Add, Sub};

use rayon::prelude::*;

use crate::error::{Error, Result};
use crate::parallel::Split;

/// A point or direction in 3-D space.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Vec3 {
    /// The x coordinate.
    pub x: f64,
    /// The y coordinate.
    pub y: f64,
    /// The z coordinate.
    pub z: f64,
}

impl Vec3 {
    /// The vector `(x, y, z)`.
    #[must_use]
    pub const fn new(x: f64, y: f64, z: f64) -> Self {
        Self { x, y, z }
    }

    /// The dot product, summed left to right: `(x·x' + y·y') + z·z'`.
    ///
    /// ```
    /// use myrustlib_core::ray::Vec3;
    /// assert_eq!(Vec3::new(1.0, 2.0, 3.0).dot(Vec3::new(4.0, 5.0, 6.0)), 32.0);
    /// ```
    #[must_use]
    pub fn dot(self, other: Self) -> f64 {
        self.x * other.x + self.y * other.y + self.z * other.z
    }

    /// Every coordinate multiplied by `factor`.
    #[must_use]
    pub fn scale(self, factor: f64) -> Self {
        Self::new(self.x * factor, self.y * factor, self.z * factor)
    }

    /// The Euclidean length, `sqrt(self·self)`.
    ///
    /// ```
    /// use myrustlib_core::ray::Vec3;
    /// assert_eq!(Vec3::new(3.0, 4.0, 0.0).length(), 5.0);
    /// ```
    #[must_use]
    pub fn length(self) -> f64 {
        self.dot(self).sqrt()
    }

    /// The unit vector in the same direction: the vector scaled by `1 / length`, as the talk's
    /// `self.scale(1 / self.__len__())` computes it (one division, three multiplications; the
    /// last bit can differ from dividing each coordinate by the length).
    ///
    /// # Errors
    /// [`Error::ZeroLength`] when the length is zero (including lengths that underflow to zero),
    /// where Python's `1 / 0.0` raises `ZeroDivisionError`.
    ///
    /// ```
    /// use myrustlib_core::{Error, ray::Vec3};
    /// assert_eq!(Vec3::new(3.0, 0.0, 4.0).normalised()?, Vec3::new(0.6000000000000001, 0.0, 0.8));
    /// assert_eq!(Vec3::default().normalised(), Err(Error::ZeroLength));
    /// # Ok::<(), Error>(())
    /// ```
    pub fn normalised(self) -> Result<Self> {
        let length = self.length();
        if length == 0.0 {
            return Err(Error::ZeroLength);
        }
        Ok(self.scale(1.0 / length))
    }
}

impl Add for Vec3 {
    type Output = Self;

    fn add(self, other: Self) -> Self {
        Self::new(self.x + other.x, self.y + other.y, self.z + other.z)
    }
}

impl Sub for Vec3 {
    type Output = Self;

    fn sub(self, other: Self) -> Self {
        Self::new(self.x - other.x, self.y - other.y, self.z - other.z)
    }
}

/// A ray: the points `p + t·v` for `t ≥ 0`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Line {
    /// The origin.
    pub p: Vec3,
    /// The direction; any length. A zero direction is accepted here and refused by
    /// [`Sphere::intersect`].
    pub v: Vec3,
}

impl Line {
    /// The ray from `p` along `v`.
    #[must_use]
    pub const fn new(p: Vec3, v: Vec3) -> Self {
        Self { p, v }
    }

    /// The point `p + v·t`.
    #[must_use]
    pub fn at(&self, t: f64) -> Vec3 {
        self.p + self.v.scale(t)
    }
}

/// A sphere with centre `q` and a positive, finite radius `r`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Sphere {
    q: Vec3,
    r: f64,
    /// `pow(r, 2)`, computed once: infinite when `r²` overflows.
    r_squared: f64,
}

/// `r²` as Python's `r**2` computes it: the C library's `pow(r, 2.0)`. The exponent goes through
/// `black_box` because LLVM rewrites `pow(x, 2.0)` as `x * x`, which rounds differently.
fn python_square(r: f64) -> f64 {
    r.powf(std::hint::black_box(2.0))
}

impl Sphere {
    /// The sphere of centre `q` and radius `r`.
    ///
    /// # Errors
    /// [`Error::InvalidRadius`] unless `r` is positive and finite (zero, negative, NaN, ±inf).
    pub fn new(q: Vec3, r: f64) -> Result<Self> {
        if r > 0.0 && r.is_finite() {
            Ok(Self {
                q,
                r,
                r_squared: python_square(r),
            })
        } else {
            Err(Error::InvalidRadius { radius: r })
        }
    }

    /// The centre.
    #[must_use]
    pub const fn q(&self) -> Vec3 {
        self.q
    }

    /// The radius.
    #[must_use]
    pub const fn r(&self) -> f64 {
        self.r
    }

    /// The parameter `t ≥ 0` of the nearest point where `line` meets the sphere, if any.
    ///
    /// Solves `|p + t·v − q|² = r²`, i.e. `a·t² + 2h·t + c = 0` with `a = v·v`,
    /// `h = v·(p − q)`, `c = (p − q)·(p − q) − r²`: the roots are `(−h ∓ √(h² − a·c)) / a`. The
    /// smaller root is taken when it is `≥ 0`, else the larger one (the origin is inside), else
    /// there is none. A tangent ray touches at its single root.
    ///
    /// For a direction with `v·v` exactly 1 this is the talk's formula, operation for operation:
    /// `a·c` is `c` and dividing by `a` changes nothing.
    ///
    /// # Errors
    /// [`Error::ZeroDirection`] when `v·v` is zero (Python would divide by zero);
    /// [`Error::RadiusOverflow`] when `r²` overflows (Python's `r**2` raises `OverflowError`).
    pub fn intersect_distance(&self, line: &Line) -> Result<Option<f64>> {
        let dif = line.p - self.q;
        let a = line.v.dot(line.v);
        if a == 0.0 {
            return Err(Error::ZeroDirection);
        }
        let h = line.v.dot(dif);
        if self.r_squared.is_infinite() {
            return Err(Error::RadiusOverflow { radius: self.r });
        }
        let c = dif.dot(dif) - self.r_squared;
        let discriminant = h * h - a * c;
        // A NaN discriminant (NaN somewhere in the input) is a miss, not a hit at NaN.
        if discriminant.is_nan() || discriminant < 0.0 {
            return Ok(None);
        }
        let root = discriminant.sqrt();
        let near = (-h - root) / a;
        if near >= 0.0 {
            return Ok(Some(near));
        }
        let far = (-h + root) / a;
        Ok((far >= 0.0).then_some(far))
    }

    /// The nearest point where `line` meets the sphere, if any: `line.at(t)` for the `t` of
    /// [`intersect_distance`](Self::intersect_distance).
    ///
    /// # Errors
    /// As [`intersect_distance`](Self::intersect_distance).
    ///
    /// ```
    /// use myrustlib_core::ray::{Line, Sphere, Vec3};
    ///
    /// let sphere = Sphere::new(Vec3::new(0.0, 0.0, 0.0), 1.0)?;
    /// // From inside, the ray leaves through the far side.
    /// let inside = Line::new(Vec3::new(0.0, 0.0, 0.0), Vec3::new(2.0, 0.0, 0.0));
    /// assert_eq!(sphere.intersect(&inside)?, Some(Vec3::new(1.0, 0.0, 0.0)));
    /// # Ok::<(), myrustlib_core::Error>(())
    /// ```
    pub fn intersect(&self, line: &Line) -> Result<Option<Vec3>> {
        Ok(self.intersect_distance(line)?.map(|t| line.at(t)))
    }

    /// The outward unit normal at `point`: the unit vector from the centre towards `point`.
    ///
    /// # Errors
    /// [`Error::ZeroLength`] when `point` is the centre.
    pub fn get_normal(&self, point: Vec3) -> Result<Vec3> {
        (point - self.q).normalised()
    }
}

/// An 8-bit red, green, blue colour.
pub type Rgb = [u8; 3];

/// The scene's sphere centre.
pub const SPHERE_CENTRE: Vec3 = Vec3::new(4.0, 3.0, 10.0);
/// The scene's sphere radius.
pub const SPHERE_RADIUS: f64 = 2.0;
/// The scene's sphere, built once (`pow(2, 2)` is exactly 4 on every C library).
const SCENE_SPHERE: Sphere = Sphere {
    q: SPHERE_CENTRE,
    r: SPHERE_RADIUS,
    r_squared: 4.0,
};
/// The scene's point light.
pub const LIGHT: Vec3 = Vec3::new(8.0, 0.0, 7.0);
/// The colour of a pixel whose ray misses the sphere.
pub const BACKGROUND: Rgb = [100, 100, 100];
/// The least red of a lit pixel: the ambient light on the sphere's dark side.
pub const AMBIENT_RED: u8 = 30;
/// The screen's extent in scene units: pixel columns span `[0, 8)`, rows `[0, 6)`.
pub const SCREEN_WIDTH: f64 = 8.0;
/// See [`SCREEN_WIDTH`].
pub const SCREEN_HEIGHT: f64 = 6.0;
/// The frame size of the original talk's window.
pub const DEFAULT_SIZE: (usize, usize) = (800, 600);

/// The colour of pixel `(x, y)` in a `width × height` frame of the scene.
///
/// The pixel looks from the screen point `(8·x/width, 6·y/height, 0)` along `+z` at a sphere
/// centred `(4, 3, 10)` with radius 2, lit from `(8, 0, 7)`. A hit is shaded
/// `(max(trunc(255 · n·l), 30), 0, 0)`, with `n` the unit surface normal and `l` the unit vector
/// towards the light; a miss is [`BACKGROUND`]. `x` and `y` may be any numbers (pixel centres are
/// not assumed), `width` and `height` must be positive.
///
/// # Errors
/// [`Error::EmptyFrame`] when `width` or `height` is not positive. [`Error::ZeroLength`] only if
/// the hit point coincided with the centre or the light, which the scene's geometry rules out.
///
/// ```
/// use myrustlib_core::ray::{color, BACKGROUND};
///
/// assert_eq!(color(0.0, 0.0, 800.0, 600.0)?, BACKGROUND); // a corner misses the sphere
/// assert_eq!(color(400.0, 300.0, 800.0, 600.0)?, [50, 0, 0]); // facing the camera, lit obliquely
/// # Ok::<(), myrustlib_core::Error>(())
/// ```
pub fn color(x: f64, y: f64, width: f64, height: f64) -> Result<Rgb> {
    if width.is_nan() || height.is_nan() || width <= 0.0 || height <= 0.0 {
        return Err(Error::EmptyFrame { width, height });
    }
    let sphere = SCENE_SPHERE;
    let screen_point = Vec3::new(SCREEN_WIDTH * x / width, SCREEN_HEIGHT * y / height, 0.0);
    let line = Line::new(screen_point, Vec3::new(0.0, 0.0, 1.0));
    let Some(hit) = sphere.intersect(&line)? else {
        return Ok(BACKGROUND);
    };
    let normal = sphere.get_normal(hit)?;
    let to_light = (LIGHT - hit).normalised()?;
    // Python's `int()` truncates toward zero, as does a float-to-int `as` cast. n·l lies in
    // [-1, 1] for unit vectors, so the shade is at most 255 and the clamp never changes it; it
    // keeps the conversion total.
    #[allow(
        clippy::cast_possible_truncation,
        reason = "truncation toward zero is the intended Python int() semantics"
    )]
    let shade = (normal.dot(to_light) * 255.0) as i64;
    let red = u8::try_from(shade.clamp(i64::from(AMBIENT_RED), 255)).unwrap_or(u8::MAX);
    Ok([red, 0, 0])
}

/// Bytes in an RGB8 frame of `width × height` pixels.
///
/// # Errors
/// [`Error::EmptyFrame`] when either side is zero; [`Error::OutOfMemory`] when the size exceeds
/// `isize::MAX` bytes (no allocation can hold it).
pub fn frame_len(width: usize, height: usize) -> Result<usize> {
    if width == 0 || height == 0 {
        return Err(Error::EmptyFrame {
            width: width as f64,
            height: height as f64,
        });
    }
    width
        .checked_mul(height)
        .and_then(|pixels| pixels.checked_mul(3))
        .filter(|&bytes| isize::try_from(bytes).is_ok())
        .ok_or(Error::OutOfMemory { bytes: usize::MAX })
}

/// When [`render_into`] draws rows in parallel, in pixels: from 16,384 (a few hundred
/// microseconds of work), in bands of rows of about 4,096 pixels each (at least one row).
pub const RENDER_SPLIT: Split = Split::new(1 << 14, 1 << 12);

/// Draw the scene into `frame`: RGB8, row-major, top row (`y = 0`) first, bands of rows in
/// parallel on the current rayon pool when [`RENDER_SPLIT`] says so. Pixel `(x, y)` is
/// [`color`]`(x, y, width, height)`.
///
/// # Errors
/// [`Error::EmptyFrame`] or [`Error::OutOfMemory`] as [`frame_len`] decides;
/// [`Error::FrameLength`] when `frame` does not hold exactly `width × height` pixels.
pub fn render_into(frame: &mut [u8], width: usize, height: usize) -> Result<()> {
    let expected = frame_len(width, height)?;
    if frame.len() != expected {
        return Err(Error::FrameLength {
            expected,
            actual: frame.len(),
        });
    }
    let (w, h) = (width as f64, height as f64);
    let row_len = width * 3;
    let draw_rows = |first_row: usize, rows: &mut [u8]| {
        for (offset, row) in rows.chunks_exact_mut(row_len).enumerate() {
            let y = (first_row + offset) as f64;
            for (x, pixel) in row.chunks_exact_mut(3).enumerate() {
                pixel.copy_from_slice(&color(x as f64, y, w, h)?);
            }
        }
        Ok(())
    };
    if RENDER_SPLIT.is_parallel(expected / 3) {
        let band = (RENDER_SPLIT.chunk_len() / width).max(1);
        frame
            .par_chunks_mut(band * row_len)
            .enumerate()
            .try_for_each(|(index, rows)| draw_rows(index * band, rows))
    } else {
        draw_rows(0, frame)
    }
}

/// Pixels in a `width × height` frame, checked as [`frame_len`] checks it: the work size of a
/// render, known before anything is allocated.
///
/// # Errors
/// As [`frame_len`].
pub fn frame_pixels(width: usize, height: usize) -> Result<usize> {
    Ok(frame_len(width, height)? / 3)
}

/// The scene as a new RGB8 frame (see [`render_into`]).
///
/// # Errors
/// As [`render_into`], plus [`Error::OutOfMemory`] when the frame cannot be allocated.
///
/// ```
/// use myrustlib_core::ray::render;
///
/// let frame = render(80, 60)?;
/// assert_eq!(frame.len(), 80 * 60 * 3);
/// assert_eq!(&frame[..3], &[100, 100, 100]);
/// # Ok::<(), myrustlib_core::Error>(())
/// ```
pub fn render(width: usize, height: usize) -> Result<Vec<u8>> {
    let mut frame = crate::error::try_filled_vec(frame_len(width, height)?, 0_u8)?;
    render_into(&mut frame, width, height)?;
    Ok(frame)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_scene_sphere_is_what_new_builds() {
        assert_eq!(Sphere::new(SPHERE_CENTRE, SPHERE_RADIUS), Ok(SCENE_SPHERE));
    }

    #[test]
    fn squares_round_like_pythons_pow() {
        // pow(r, 2) and r * r differ in the last bit for this radius (glibc's pow, which
        // CPython's ** calls, is not always correctly rounded); the tests against Python check
        // many more.
        let r = 2.978_223_391_664_957e-91;
        assert_ne!(python_square(r), r * r);
        assert_eq!(python_square(1.5), 2.25);
    }
}
