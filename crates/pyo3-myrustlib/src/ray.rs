//! The ray tracer in Python: the value classes `Vec`, `Line`, `Sphere` and the functions `color`,
//! `render`, `save_png`, each a thin shell over `myrustlib_core::ray` (and `picture`).
//!
//! The classes are `frozen`: immutable values, so PyO3 hands out shared references without a
//! runtime borrow flag, and `__hash__` is sound. Hashes and reprs go through Python's own float
//! and tuple code so that they equal the pure-Python reference's.

use std::path::PathBuf;

use myrustlib_core::picture;
use myrustlib_core::ray::{self, Line, RENDER_SPLIT, Sphere, Vec3};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyFloat, PyTuple, PyType};

use crate::errors::CoreError;
use crate::run::{Work, run};
use crate::sizes::{FrameSide, Height, Width};
use crate::text::NewBytes;

/// `repr(value)` as Python prints a float (shortest round-trip, `1e+16`, `inf`, `nan`).
fn float_repr(py: Python<'_>, value: f64) -> PyResult<String> {
    Ok(PyFloat::new(py, value).repr()?.to_string())
}

/// The hash of the tuple of `values`, as the reference hashes its coordinates. Since Python
/// 3.10 `hash(nan)` depends on the float object's identity, and we create new float objects on
/// each call, so NaN is hashed as 0.0 to keep an object's hash stable.
fn hash_floats(py: Python<'_>, values: [f64; 3]) -> PyResult<isize> {
    PyTuple::new(py, values.map(|v| if v.is_nan() { 0.0 } else { v }))?.hash()
}

/// An immutable 3-D vector of floats, a drop-in for the pure-Python reference's Vec.
///
/// `+` and `-` work coordinate-wise; `*` between two Vecs is the dot product (a float).
/// Coordinates are numbers converted as math.sqrt converts its argument (a float or
/// float subclass by its value; int or any object with __float__ or __index__);
/// anything else raises TypeError. eval(repr(v)) == v for
/// finite coordinates. Vecs are hashable and picklable.
#[pyclass(name = "Vec", module = "myrustlib", frozen, eq)]
#[derive(Clone, Copy, PartialEq)]
pub(crate) struct PyVec(Vec3);

#[pymethods]
impl PyVec {
    #[new]
    fn new(x: f64, y: f64, z: f64) -> Self {
        Self(Vec3::new(x, y, z))
    }

    /// The x coordinate.
    #[getter]
    fn x(&self) -> f64 {
        self.0.x
    }

    /// The y coordinate.
    #[getter]
    fn y(&self) -> f64 {
        self.0.y
    }

    /// The z coordinate.
    #[getter]
    fn z(&self) -> f64 {
        self.0.z
    }

    // Binary operators: when `other` is not a Vec, PyO3 returns NotImplemented, so Python
    // raises the usual TypeError (or tries the other operand's reflected method).
    #[allow(
        clippy::arithmetic_side_effects,
        reason = "f64 arithmetic cannot panic; it overflows to inf as Python's floats do"
    )]
    fn __add__(&self, other: &Self) -> Self {
        Self(self.0 + other.0)
    }

    #[allow(
        clippy::arithmetic_side_effects,
        reason = "f64 arithmetic cannot panic; it overflows to inf as Python's floats do"
    )]
    fn __sub__(&self, other: &Self) -> Self {
        Self(self.0 - other.0)
    }

    fn __mul__(&self, other: &Self) -> f64 {
        self.0.dot(other.0)
    }

    /// The vector with every coordinate multiplied by `factor`.
    fn scale(&self, factor: f64) -> Self {
        Self(self.0.scale(factor))
    }

    /// The Euclidean length, sqrt(self * self).
    fn length(&self) -> f64 {
        self.0.length()
    }

    /// The Euclidean length: length() under the name the talk's Rust port used.
    #[allow(
        clippy::len_without_is_empty,
        reason = "a vector's length is a float, not a count of items"
    )]
    fn len(&self) -> f64 {
        self.0.length()
    }

    /// The unit vector in the same direction: self.scale(1 / self.length()).
    ///
    /// Raises ZeroDivisionError when the length is zero.
    fn normal(&self) -> PyResult<Self> {
        Ok(Self(self.0.normalised().map_err(CoreError)?))
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let Vec3 { x, y, z } = self.0;
        Ok(format!(
            "Vec({}, {}, {})",
            float_repr(py, x)?,
            float_repr(py, y)?,
            float_repr(py, z)?
        ))
    }

    fn __hash__(&self, py: Python<'_>) -> PyResult<isize> {
        let Vec3 { x, y, z } = self.0;
        hash_floats(py, [x, y, z])
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyType>, (f64, f64, f64))> {
        let Vec3 { x, y, z } = slf.get().0;
        Ok((slf.get_type(), (x, y, z)))
    }
}

/// An immutable ray: the points p + t*v for t >= 0, from origin `p` along direction `v`
/// (two Vecs; any length of `v`, not only 1). A drop-in for the reference's Line.
#[pyclass(name = "Line", module = "myrustlib", frozen, eq)]
#[derive(Clone, Copy, PartialEq)]
pub(crate) struct PyLine(Line);

#[pymethods]
impl PyLine {
    #[new]
    fn new(p: &PyVec, v: &PyVec) -> Self {
        Self(Line::new(p.0, v.0))
    }

    /// The origin.
    #[getter]
    fn p(&self) -> PyVec {
        PyVec(self.0.p)
    }

    /// The direction.
    #[getter]
    fn v(&self) -> PyVec {
        PyVec(self.0.v)
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "Line({}, {})",
            self.p().__repr__(py)?,
            self.v().__repr__(py)?
        ))
    }

    fn __hash__(&self, py: Python<'_>) -> PyResult<isize> {
        (self.p(), self.v()).into_pyobject(py)?.hash()
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyType>, (PyVec, PyVec))> {
        let line = slf.get();
        Ok((slf.get_type(), (line.p(), line.v())))
    }
}

/// An immutable sphere with centre `q` (a Vec) and radius `r` (a float). A drop-in for
/// the reference's Sphere.
///
/// Raises ValueError unless `r` is positive and finite.
#[pyclass(name = "Sphere", module = "myrustlib", frozen, eq)]
#[derive(Clone, Copy, PartialEq)]
pub(crate) struct PySphere(Sphere);

#[pymethods]
impl PySphere {
    #[new]
    fn new(q: &PyVec, r: f64) -> PyResult<Self> {
        Ok(Self(Sphere::new(q.0, r).map_err(CoreError)?))
    }

    /// The centre.
    #[getter]
    fn q(&self) -> PyVec {
        PyVec(self.0.q())
    }

    /// The radius.
    #[getter]
    fn r(&self) -> f64 {
        self.0.r()
    }

    /// The nearest point p + t*v with t >= 0 where `line` meets the sphere, or None.
    ///
    /// The entry point when the sphere lies ahead, the exit point when the line starts
    /// inside, None when it misses or the sphere lies behind the origin. Raises
    /// ZeroDivisionError when the line's direction is the zero vector.
    fn intersect(&self, line: &PyLine) -> PyResult<Option<PyVec>> {
        let hit = self.0.intersect(&line.0).map_err(CoreError)?;
        Ok(hit.map(PyVec))
    }

    /// The outward unit normal at point `p`: the unit vector from the centre towards `p`.
    ///
    /// Raises ZeroDivisionError when `p` is the centre.
    fn get_normal(&self, p: &PyVec) -> PyResult<PyVec> {
        Ok(PyVec(self.0.get_normal(p.0).map_err(CoreError)?))
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "Sphere({}, {})",
            self.q().__repr__(py)?,
            float_repr(py, self.r())?
        ))
    }

    fn __hash__(&self, py: Python<'_>) -> PyResult<isize> {
        (self.q(), self.r()).into_pyobject(py)?.hash()
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyType>, (PyVec, f64))> {
        let sphere = slf.get();
        Ok((slf.get_type(), (sphere.q(), sphere.r())))
    }
}

/// The colour (r, g, b) of pixel (x, y) of the sphere scene, a drop-in for the seed's color.
///
/// The pixel looks from the screen point (8*x/width, 6*y/height, 0) along +z at a sphere
/// centred (4, 3, 10) with radius 2, lit from (8, 0, 7). A hit is shaded
/// (max(int(255 * n*l), 30), 0, 0) with n the surface normal and l the unit vector
/// towards the light; a miss is (100, 100, 100). x and y may be any numbers; width and
/// height (the frame size, 800x600 by default) must be positive, else ValueError.
#[pyfunction]
#[pyo3(
    signature = (x, y, width = 800.0, height = 600.0),
    text_signature = "(x, y, width=800, height=600)"
)]
pub(crate) fn color(x: f64, y: f64, width: f64, height: f64) -> PyResult<(u8, u8, u8)> {
    let [red, green, blue] = ray::color(x, y, width, height).map_err(CoreError)?;
    Ok((red, green, blue))
}

/// The sphere scene as RGB bytes: width*height pixels of 3 bytes, row-major, top row
/// first; pixel (x, y) is color(x, y, width, height).
///
/// Rendered in parallel with the GIL released, straight into the returned bytes. Raises
/// ValueError for a width or height below 1, TypeError for a non-int, MemoryError when
/// the frame cannot be allocated.
#[pyfunction]
#[pyo3(
    signature = (width = FrameSide(800), height = FrameSide(600)),
    text_signature = "(width=800, height=600)"
)]
pub(crate) fn render(py: Python<'_>, width: Width, height: Height) -> PyResult<Bound<'_, PyBytes>> {
    let (width, height) = (width.0, height.0);
    let len = ray::frame_len(width, height).map_err(CoreError)?;
    let mut frame = NewBytes::new(py, len)?;
    let blank = frame.blank();
    run(py, Work::parallel(len / 3, RENDER_SPLIT), move || {
        ray::render_into(blank.zeroed_bytes(), width, height)
    })?;
    Ok(frame.finish())
}

/// Render the sphere scene and write it to `path` as a PNG image.
///
/// `path` is a str or os.PathLike; an existing file is replaced. Rendering, encoding and
/// writing run with the GIL released. Raises OSError (e.g. FileNotFoundError) when the
/// file cannot be written, what render raises for bad sizes, and ValueError for a side
/// longer than PNG allows (2**31 - 1 pixels).
#[pyfunction]
#[pyo3(
    signature = (path, width = FrameSide(800), height = FrameSide(600)),
    text_signature = "(path, width=800, height=600)"
)]
pub(crate) fn save_png(
    py: Python<'_>,
    path: PathBuf,
    width: Width,
    height: Height,
) -> PyResult<()> {
    let (width, height) = (width.0, height.0);
    if path.as_os_str().as_encoded_bytes().contains(&0) {
        // What open() raises, before any work is done.
        return Err(PyValueError::new_err("embedded null byte"));
    }
    let pixels = picture::png_frame_pixels(width, height).map_err(CoreError)?;
    run(py, Work::parallel(pixels, RENDER_SPLIT), || {
        picture::save_png(&path, width, height)
    })
}

/// Gives `Vec` the talk's `__len__`: a method returning the float length, so that the talk's
/// `self.scale(1 / self.__len__())` runs, while `len(v)` (and truth testing, which also calls
/// `__len__`) raises TypeError, as it does for the talk's class.
///
/// A `#[pymethods]` `__len__` becomes CPython's length slot, which must return an int, so PyO3
/// refuses a float. Assigning the method to the type after it is built installs the same slot
/// through CPython's own `type.__setattr__`: `v.__len__()` calls `length`, and `len(v)` calls it
/// too, then fails to read the float as an int. No other method changes.
pub(crate) fn add_talks_len(module: &Bound<'_, PyModule>) -> PyResult<()> {
    let vec = module.py().get_type::<PyVec>();
    vec.setattr("__len__", vec.getattr("length")?)
}
