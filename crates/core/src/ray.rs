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

use std::ops::{Add, Div, Mul, Neg, Sub};

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
    let line = Line::new(screen_point, SCREEN_DIRECTION);
    let Some(hit) = sphere.intersect(&line)? else {
        return Ok(BACKGROUND);
    };
    let normal = sphere.get_normal(hit)?;
    let to_light = (LIGHT - hit).normalised()?;
    Ok([red_of(normal.dot(to_light) * 255.0), 0, 0])
}

/// Bytes in an RGB8 frame of `width × height` pixels.
///
/// # Errors
/// [`Error::EmptyFrame`] when either side is zero; [`Error::FrameTooLarge`] when the size
/// exceeds `isize::MAX` bytes (no allocation can hold it).
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
        .ok_or(Error::FrameTooLarge { width, height })
}

/// When [`render_into`] draws rows in parallel, in pixels: from 16,384 (a few hundred
/// microseconds of work), in bands of rows of about 4,096 pixels each (at least one row).
pub const RENDER_SPLIT: Split = Split::new(1 << 14, 1 << 12);

/// How [`draw_rows`] computes a row's pixels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kernel {
    /// One [`color`] call per pixel: the definition.
    Scalar,
    /// [`LANES`] pixels at a time, every step an operation on all of them, so the compiler emits
    /// vector instructions (four `f64` lanes per AVX2 register, chosen at run time like the
    /// count kernel; two per SSE2 register otherwise). Each lane performs exactly the
    /// floating-point operations of [`color`], in the same order: the frame is identical.
    Vector,
}

/// Pixels the vector kernel computes together: the four `f64` lanes of an AVX2 register.
pub const LANES: usize = 4;

/// The direction of every pixel's ray: straight into the screen.
const SCREEN_DIRECTION: Vec3 = Vec3::new(0.0, 0.0, 1.0);

/// Draw the scene into `frame`: RGB8, row-major, top row (`y = 0`) first, with the vector
/// kernel, in bands of rows in parallel on the current rayon pool when [`RENDER_SPLIT`] says so.
/// Pixel `(x, y)` is [`color`]`(x, y, width, height)`.
///
/// # Errors
/// [`Error::EmptyFrame`] or [`Error::FrameTooLarge`] as [`frame_len`] decides;
/// [`Error::FrameLength`] when `frame` does not hold exactly `width × height` pixels.
pub fn render_into(frame: &mut [u8], width: usize, height: usize) -> Result<()> {
    let expected = frame_len(width, height)?;
    if frame.len() != expected {
        return Err(Error::FrameLength {
            expected,
            actual: frame.len(),
        });
    }
    if RENDER_SPLIT.is_parallel(expected / 3) {
        let band = (RENDER_SPLIT.chunk_len() / width).max(1);
        frame
            .par_chunks_mut(band * width * 3)
            .enumerate()
            .try_for_each(|(index, rows)| {
                draw_rows(rows, width, height, index * band, Kernel::Vector)
            })
    } else {
        draw_rows(frame, width, height, 0, Kernel::Vector)
    }
}

/// Draw whole rows of a `width × height` frame on this thread: `rows` holds rows `first_row`,
/// `first_row + 1`, ... (RGB8, `width × 3` bytes each; a partial row at the end is left alone).
///
/// # Errors
/// [`Error::EmptyFrame`] when a side is zero.
///
/// ```
/// use myrustlib_core::ray::{Kernel, draw_rows, render};
///
/// let (width, height) = (37, 21);
/// let mut rows = vec![0; width * 3 * 5];
/// draw_rows(&mut rows, width, height, 8, Kernel::Vector)?;
/// assert_eq!(rows, render(width, height)?[8 * width * 3..13 * width * 3]);
/// # Ok::<(), myrustlib_core::Error>(())
/// ```
pub fn draw_rows(
    rows: &mut [u8],
    width: usize,
    height: usize,
    first_row: usize,
    kernel: Kernel,
) -> Result<()> {
    if width == 0 || height == 0 {
        return Err(Error::EmptyFrame {
            width: width as f64,
            height: height as f64,
        });
    }
    let (w, h) = (width as f64, height as f64);
    let columns = Columns::new(width, w);
    for (offset, row) in rows.chunks_exact_mut(width * 3).enumerate() {
        let y = (first_row + offset) as f64;
        match kernel {
            Kernel::Scalar => {
                for (x, pixel) in row.chunks_exact_mut(3).enumerate() {
                    pixel.copy_from_slice(&color(x as f64, y, w, h)?);
                }
            }
            Kernel::Vector => draw_row_vector(row, &columns, y, w, h)?,
        }
    }
    Ok(())
}

/// One row with the vector kernel: AVX2 intrinsics when the CPU has them, else the portable
/// lanes (which the compiler vectorises as far as the baseline instruction set allows).
fn draw_row_vector(row: &mut [u8], columns: &Columns, y: f64, w: f64, h: f64) -> Result<()> {
    #[cfg(target_arch = "x86_64")]
    {
        if std::arch::is_x86_feature_detected!("avx2") {
            // SAFETY: the CPU was just found to support AVX2, the only requirement of
            // `avx2::draw_row` (whose body is safe code compiled for AVX2).
            return unsafe { avx2::draw_row(row, columns, y, w, h) };
        }
    }
    draw_row_portable(row, columns, y, w, h)
}

/// The vector kernel in portable Rust.
fn draw_row_portable(row: &mut [u8], columns: &Columns, y: f64, w: f64, h: f64) -> Result<()> {
    let screen_y = SCREEN_HEIGHT * y / h;
    for_each_block(row, columns, |block, pixels, lanes| {
        write_block(pixels, shade_lanes(&lanes, screen_y), block, y, w, h)
    })
}

/// Fills the row with the background, then calls `draw(block, pixels, lanes)` for each block of
/// [`LANES`] pixels: its index, its bytes ([`block_pixels`]) and its lanes' screen x.
#[inline(always)]
fn for_each_block(
    row: &mut [u8],
    columns: &Columns,
    mut draw: impl FnMut(usize, &mut [u8], [f64; LANES]) -> Result<()>,
) -> Result<()> {
    fill_background(row);
    for block in 0..columns.width.div_ceil(LANES) {
        draw(block, block_pixels(row, block), columns.lanes(block))?;
    }
    Ok(())
}

/// Fills a row with the background (one `memset`: its three channels are equal), so that the
/// vector kernel writes only the pixels that hit the sphere, a quarter of the screen.
#[inline(always)]
fn fill_background(row: &mut [u8]) {
    const _: () = assert!(BACKGROUND[0] == BACKGROUND[1] && BACKGROUND[1] == BACKGROUND[2]);
    row.fill(BACKGROUND[0]);
}

/// The screen x of a frame's columns, `(8.0 * x) / w` as `color` computes it: a table made once
/// for all the rows a call draws, for frames up to [`Columns::MAX_TABLE`] pixels wide (wider,
/// or with no memory to spare, each block computes its own, so that a frame needs no memory
/// beyond itself).
struct Columns {
    width: usize,
    w: f64,
    table: Option<Vec<f64>>,
}

impl Columns {
    const MAX_TABLE: usize = 1 << 16;

    fn new(width: usize, w: f64) -> Self {
        let mut table = Vec::new();
        let table =
            (width <= Self::MAX_TABLE && table.try_reserve_exact(width).is_ok()).then(|| {
                table.extend((0..width).map(|x| SCREEN_WIDTH * x as f64 / w));
                table
            });
        Self { width, w, table }
    }

    /// The screen x of block `block`'s columns; a short last block repeats its last column in
    /// the unused lanes, which are not written.
    #[inline(always)]
    fn lanes(&self, block: usize) -> [f64; LANES] {
        std::array::from_fn(|i| {
            let x = (block * LANES + i).min(self.width.saturating_sub(1));
            match &self.table {
                Some(table) => table.get(x).copied().unwrap_or(0.0),
                None => SCREEN_WIDTH * x as f64 / self.w,
            }
        })
    }
}

/// The bytes of block `block`'s pixels (fewer for a short last block).
#[inline(always)]
fn block_pixels(row: &mut [u8], block: usize) -> &mut [u8] {
    let start = (block * 3 * LANES).min(row.len());
    let end = (start + 3 * LANES).min(row.len());
    &mut row[start..end]
}

/// A block of [`LANES`] pixels, shaded: which lanes hit the sphere (bit `i` for lane `i`), and
/// the red of each hit.
#[derive(Debug, Clone, Copy)]
struct Shaded {
    hits: u8,
    reds: [u8; LANES],
}

impl Shaded {
    /// A block whose rays all miss.
    const MISS: Self = Self {
        hits: 0,
        reds: [0; LANES],
    };
}

/// Writes the hit pixels of a block into a row already filled with the background. When a
/// lane's hit point was degenerate (`shaded` is `None`: at the sphere's centre or at the light,
/// impossible in this scene) `color` says what the pixels are: an error.
#[inline(always)]
fn write_block(
    pixels: &mut [u8],
    shaded: Option<Shaded>,
    block: usize,
    y: f64,
    w: f64,
    h: f64,
) -> Result<()> {
    match shaded {
        Some(Shaded { hits: 0, .. }) => {}
        Some(Shaded { hits, reds }) => {
            for (i, pixel) in pixels.chunks_exact_mut(3).enumerate() {
                if hits >> i & 1 != 0 {
                    pixel.copy_from_slice(&[reds[i], 0, 0]);
                }
            }
        }
        None => {
            for (i, pixel) in pixels.chunks_exact_mut(3).enumerate() {
                pixel.copy_from_slice(&color((block * LANES + i) as f64, y, w, h)?);
            }
        }
    }
    Ok(())
}

/// The vector kernel in AVX2 intrinsics: each line is one of [`color`]'s floating-point
/// operations on four pixels at once (`_mm256_*_pd` are IEEE-754 operations, rounded exactly as
/// the scalar ones; no FMA is enabled, so none is fused).
#[cfg(target_arch = "x86_64")]
mod avx2 {
    use std::arch::x86_64::{
        __m256d, _CMP_EQ_OQ, _CMP_GE_OQ, _mm_cvtsi128_si32, _mm_max_epi32, _mm_min_epi32,
        _mm_packus_epi16, _mm_packus_epi32, _mm_set1_epi32, _mm_setzero_si128, _mm256_add_pd,
        _mm256_and_pd, _mm256_cmp_pd, _mm256_cvttpd_epi32, _mm256_div_pd, _mm256_movemask_pd,
        _mm256_mul_pd, _mm256_or_pd, _mm256_set1_pd, _mm256_setr_pd, _mm256_sqrt_pd, _mm256_sub_pd,
        _mm256_xor_pd,
    };

    use super::{
        AMBIENT_RED, Columns, LIGHT, Result, SCENE_SPHERE, SCREEN_DIRECTION, SCREEN_HEIGHT, Shaded,
        Vec3, for_each_block, write_block,
    };

    /// Four vectors, coordinate by coordinate.
    type Vec3x4 = [__m256d; 3];

    /// [`super::draw_row_vector`] for a CPU with AVX2: blocks whose rays all miss are passed
    /// over after the discriminant alone, a few operations; the others are shaded. (Shading
    /// two blocks at a time, to overlap their chains of square roots and divisions, measured
    /// slower here.)
    #[target_feature(enable = "avx2")]
    pub(super) fn draw_row(
        row: &mut [u8],
        columns: &Columns,
        y: f64,
        w: f64,
        h: f64,
    ) -> Result<()> {
        let screen_y = SCREEN_HEIGHT * y / h;
        // A closure inherits the target features of the function it is written in.
        for_each_block(row, columns, |block, pixels, [x0, x1, x2, x3]| {
            let xs = _mm256_setr_pd(x0, x1, x2, x3);
            if reaches(xs, screen_y) {
                write_block(pixels, shade(xs, screen_y), block, y, w, h)
            } else {
                Ok(())
            }
        })
    }

    /// Whether any lane's ray reaches the sphere: `shade`'s discriminant, and nothing after it.
    #[target_feature(enable = "avx2")]
    fn reaches(screen_x: __m256d, screen_y: f64) -> bool {
        let (_, discriminant) = quadratic(screen_x, screen_y);
        _mm256_movemask_pd(at_least(discriminant, _mm256_set1_pd(0.0))) != 0
    }

    /// The ray origins, `h` and the discriminant of `Sphere::intersect_distance`.
    #[target_feature(enable = "avx2")]
    fn quadratic(screen_x: __m256d, screen_y: f64) -> (__m256d, __m256d) {
        let sphere = SCENE_SPHERE;
        let v = splat(SCREEN_DIRECTION);
        let dif = sub(origins(screen_x, screen_y), splat(sphere.q));
        let a = dot(v, v);
        let h = dot(v, dif);
        let c = _mm256_sub_pd(dot(dif, dif), _mm256_set1_pd(sphere.r_squared));
        (h, _mm256_sub_pd(_mm256_mul_pd(h, h), _mm256_mul_pd(a, c)))
    }

    /// Each lane's screen point `(x, y, 0)`.
    #[target_feature(enable = "avx2")]
    fn origins(screen_x: __m256d, screen_y: f64) -> Vec3x4 {
        [screen_x, _mm256_set1_pd(screen_y), _mm256_set1_pd(0.0)]
    }

    #[target_feature(enable = "avx2")]
    fn splat(v: Vec3) -> Vec3x4 {
        [
            _mm256_set1_pd(v.x),
            _mm256_set1_pd(v.y),
            _mm256_set1_pd(v.z),
        ]
    }

    #[target_feature(enable = "avx2")]
    fn add(a: Vec3x4, b: Vec3x4) -> Vec3x4 {
        [
            _mm256_add_pd(a[0], b[0]),
            _mm256_add_pd(a[1], b[1]),
            _mm256_add_pd(a[2], b[2]),
        ]
    }

    #[target_feature(enable = "avx2")]
    fn sub(a: Vec3x4, b: Vec3x4) -> Vec3x4 {
        [
            _mm256_sub_pd(a[0], b[0]),
            _mm256_sub_pd(a[1], b[1]),
            _mm256_sub_pd(a[2], b[2]),
        ]
    }

    /// [`Vec3::scale`].
    #[target_feature(enable = "avx2")]
    fn scale(a: Vec3x4, factor: __m256d) -> Vec3x4 {
        [
            _mm256_mul_pd(a[0], factor),
            _mm256_mul_pd(a[1], factor),
            _mm256_mul_pd(a[2], factor),
        ]
    }

    /// [`Vec3::dot`]: `(x·x' + y·y') + z·z'`.
    #[target_feature(enable = "avx2")]
    fn dot(a: Vec3x4, b: Vec3x4) -> __m256d {
        _mm256_add_pd(
            _mm256_add_pd(_mm256_mul_pd(a[0], b[0]), _mm256_mul_pd(a[1], b[1])),
            _mm256_mul_pd(a[2], b[2]),
        )
    }

    /// `a >= b` lane by lane (false where either is NaN, as Rust's `>=`).
    #[target_feature(enable = "avx2")]
    fn at_least(a: __m256d, b: __m256d) -> __m256d {
        _mm256_cmp_pd::<_CMP_GE_OQ>(a, b)
    }

    /// The portable `shade_lanes`, operation for operation, for a block known to reach the
    /// sphere in some lane.
    #[target_feature(enable = "avx2")]
    fn shade(screen_x: __m256d, screen_y: f64) -> Option<Shaded> {
        let sphere = SCENE_SPHERE;
        let zero = _mm256_set1_pd(0.0);
        let v = splat(SCREEN_DIRECTION);
        let q = splat(sphere.q);
        let p = origins(screen_x, screen_y);
        let a = dot(v, v);
        let (h, discriminant) = quadratic(screen_x, screen_y);
        let reaches = at_least(discriminant, zero);
        let root = _mm256_sqrt_pd(discriminant);
        let minus_h = _mm256_xor_pd(h, _mm256_set1_pd(-0.0)); // -h: the sign bit flipped
        let near = _mm256_div_pd(_mm256_sub_pd(minus_h, root), a);
        let far = _mm256_div_pd(_mm256_add_pd(minus_h, root), a);
        let near_ahead = at_least(near, zero);
        let far_ahead = at_least(far, zero);
        // t = near if near >= 0 else far: both kept, `near` where its mask is set.
        let t = std::arch::x86_64::_mm256_blendv_pd(far, near, near_ahead);
        // Line::at, Sphere::get_normal and the light's direction, each normalised as Vec3 does.
        let point = add(p, scale(v, t));
        let normal = sub(point, q);
        let normal_length = _mm256_sqrt_pd(dot(normal, normal));
        let to_light = sub(splat(LIGHT), point);
        let light_length = _mm256_sqrt_pd(dot(to_light, to_light));
        let one = _mm256_set1_pd(1.0);
        let normal = scale(normal, _mm256_div_pd(one, normal_length));
        let to_light = scale(to_light, _mm256_div_pd(one, light_length));
        let shade = _mm256_mul_pd(dot(normal, to_light), _mm256_set1_pd(255.0));
        let hit = _mm256_and_pd(reaches, _mm256_or_pd(near_ahead, far_ahead));
        let zero_length = _mm256_or_pd(
            _mm256_cmp_pd::<_CMP_EQ_OQ>(normal_length, zero),
            _mm256_cmp_pd::<_CMP_EQ_OQ>(light_length, zero),
        );
        if _mm256_movemask_pd(_mm256_and_pd(hit, zero_length)) != 0 {
            return None;
        }
        // `red_of`: truncation toward zero (a hit's shade lies within ±256, well inside i32),
        // at least AMBIENT_RED, at most 255.
        let reds = _mm_min_epi32(
            _mm_max_epi32(
                _mm256_cvttpd_epi32(shade),
                _mm_set1_epi32(i32::from(AMBIENT_RED)),
            ),
            _mm_set1_epi32(255),
        );
        // Each lane holds 30 to 255: pack them into bytes without saturating anything.
        let bytes = _mm_packus_epi16(_mm_packus_epi32(reds, reds), _mm_setzero_si128());
        let hits = u8::try_from(_mm256_movemask_pd(hit)).unwrap_or(0);
        Some(Shaded {
            hits,
            reds: _mm_cvtsi128_si32(bytes).to_le_bytes(),
        })
    }
}

/// Which lanes' pixels hit the sphere and their reds, computing for every lane the
/// floating-point operations of [`color`] in its order; `None` if a hit lane would normalise a
/// zero vector, where `color` fails.
#[inline(always)]
fn shade_lanes(screen_x: &[f64; LANES], screen_y: f64) -> Option<Shaded> {
    let sphere = SCENE_SPHERE;
    let v = Vec3Lanes::splat(SCREEN_DIRECTION);
    let q = Vec3Lanes::splat(sphere.q);
    let p = Vec3Lanes {
        x: Lanes(*screen_x),
        y: Lanes::splat(screen_y),
        z: Lanes::splat(0.0),
    };
    // Sphere::intersect_distance.
    let dif = p - q;
    let a = v.dot(v);
    let h = v.dot(dif);
    let c = dif.dot(dif) - Lanes::splat(sphere.r_squared);
    let discriminant = h * h - a * c;
    let reaches = discriminant.at_least_zero(); // false for NaN, as in `color`
    // Most blocks miss entirely (the sphere covers a quarter of the screen): stop here.
    if !reaches.iter().any(|&lane| lane) {
        return Some(Shaded::MISS);
    }
    let root = discriminant.sqrt();
    let near = (-h - root) / a;
    let far = (-h + root) / a;
    let near_ahead = near.at_least_zero();
    let far_ahead = far.at_least_zero();
    let t = Lanes::select(near_ahead, near, far);
    // Line::at, Sphere::get_normal and the light's direction, each normalised as Vec3 does.
    let point = p + v.scale(t);
    let normal = point - q;
    let normal_length = normal.length();
    let to_light = Vec3Lanes::splat(LIGHT) - point;
    let light_length = to_light.length();
    let normal = normal.scale(Lanes::splat(1.0) / normal_length);
    let to_light = to_light.scale(Lanes::splat(1.0) / light_length);
    let shade = normal.dot(to_light) * Lanes::splat(255.0);
    let hit: [bool; LANES] = std::array::from_fn(|i| reaches[i] && (near_ahead[i] || far_ahead[i]));
    let degenerate =
        (0..LANES).any(|i| hit[i] && (normal_length.0[i] == 0.0 || light_length.0[i] == 0.0));
    if degenerate {
        return None;
    }
    let hits = (0..LANES).fold(0, |bits, i| bits | u8::from(hit[i]) << i);
    Some(Shaded {
        hits,
        reds: std::array::from_fn(|i| red_of(shade.0[i])),
    })
}

/// [`LANES`] `f64` values, operated on together: each operation is a loop over the lanes that
/// the compiler turns into vector instructions.
#[derive(Debug, Clone, Copy)]
struct Lanes([f64; LANES]);

impl Lanes {
    #[inline(always)]
    fn splat(value: f64) -> Self {
        Self([value; LANES])
    }

    #[inline(always)]
    fn zip(self, other: Self, op: impl Fn(f64, f64) -> f64) -> Self {
        let mut out = [0.0; LANES];
        for ((out, a), b) in out.iter_mut().zip(self.0).zip(other.0) {
            *out = op(a, b);
        }
        Self(out)
    }

    #[inline(always)]
    fn sqrt(self) -> Self {
        let mut out = self.0;
        for lane in &mut out {
            *lane = lane.sqrt();
        }
        Self(out)
    }

    /// `lane >= 0.0` for each lane (false for NaN).
    #[inline(always)]
    fn at_least_zero(self) -> [bool; LANES] {
        let mut out = [false; LANES];
        for (out, lane) in out.iter_mut().zip(self.0) {
            *out = lane >= 0.0;
        }
        out
    }

    /// `if mask { a } else { b }` lane by lane.
    #[inline(always)]
    fn select(mask: [bool; LANES], a: Self, b: Self) -> Self {
        let mut out = b.0;
        for ((out, keep), a) in out.iter_mut().zip(mask).zip(a.0) {
            if keep {
                *out = a;
            }
        }
        Self(out)
    }
}

impl Add for Lanes {
    type Output = Self;
    #[inline(always)]
    fn add(self, other: Self) -> Self {
        self.zip(other, |a, b| a + b)
    }
}

impl Sub for Lanes {
    type Output = Self;
    #[inline(always)]
    fn sub(self, other: Self) -> Self {
        self.zip(other, |a, b| a - b)
    }
}

impl Mul for Lanes {
    type Output = Self;
    #[inline(always)]
    fn mul(self, other: Self) -> Self {
        self.zip(other, |a, b| a * b)
    }
}

impl Div for Lanes {
    type Output = Self;
    #[inline(always)]
    fn div(self, other: Self) -> Self {
        self.zip(other, |a, b| a / b)
    }
}

impl Neg for Lanes {
    type Output = Self;
    #[inline(always)]
    fn neg(self) -> Self {
        self.zip(self, |a, _| -a)
    }
}

/// [`LANES`] vectors, coordinate by coordinate: [`Vec3`]'s operations, in its order, on lanes.
#[derive(Debug, Clone, Copy)]
struct Vec3Lanes {
    x: Lanes,
    y: Lanes,
    z: Lanes,
}

impl Vec3Lanes {
    #[inline(always)]
    fn splat(v: Vec3) -> Self {
        Self {
            x: Lanes::splat(v.x),
            y: Lanes::splat(v.y),
            z: Lanes::splat(v.z),
        }
    }

    /// [`Vec3::dot`]: `(x·x' + y·y') + z·z'`.
    #[inline(always)]
    fn dot(self, other: Self) -> Lanes {
        self.x * other.x + self.y * other.y + self.z * other.z
    }

    /// [`Vec3::scale`].
    #[inline(always)]
    fn scale(self, factor: Lanes) -> Self {
        Self {
            x: self.x * factor,
            y: self.y * factor,
            z: self.z * factor,
        }
    }

    /// [`Vec3::length`].
    #[inline(always)]
    fn length(self) -> Lanes {
        self.dot(self).sqrt()
    }
}

impl Add for Vec3Lanes {
    type Output = Self;
    #[inline(always)]
    fn add(self, other: Self) -> Self {
        Self {
            x: self.x + other.x,
            y: self.y + other.y,
            z: self.z + other.z,
        }
    }
}

impl Sub for Vec3Lanes {
    type Output = Self;
    #[inline(always)]
    fn sub(self, other: Self) -> Self {
        Self {
            x: self.x - other.x,
            y: self.y - other.y,
            z: self.z - other.z,
        }
    }
}

/// The red of a lit pixel from its shade, as `color` computes it: Python's `int()` (truncation
/// toward zero), at least [`AMBIENT_RED`].
fn red_of(shade: f64) -> u8 {
    // n·l lies in [-1, 1] for unit vectors, so the shade is at most 255 and the clamp never
    // changes it; it keeps the conversion total.
    #[allow(
        clippy::cast_possible_truncation,
        reason = "truncation toward zero is the intended Python int() semantics"
    )]
    let shade = shade as i64;
    u8::try_from(shade.clamp(i64::from(AMBIENT_RED), 255)).unwrap_or(u8::MAX)
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
#[allow(clippy::unwrap_used, reason = "tests fail loudly")]
mod tests {
    use super::*;

    #[test]
    fn the_portable_vector_kernel_draws_the_scalar_frame() {
        // The AVX2 build is what runs on this machine; the portable one must agree too.
        for (width, height) in [(800, 600), (123, 77), (1, 1), (5, 9), (LANES + 1, 3)] {
            let (w, h) = (width as f64, height as f64);
            let mut scalar = vec![0; width * height * 3];
            draw_rows(&mut scalar, width, height, 0, Kernel::Scalar).unwrap();
            let mut portable = vec![1; width * height * 3];
            let columns = Columns::new(width, w);
            for (y, row) in portable.chunks_exact_mut(width * 3).enumerate() {
                draw_row_portable(row, &columns, y as f64, w, h).unwrap();
            }
            assert!(portable == scalar, "{width}x{height}");
        }
    }

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
