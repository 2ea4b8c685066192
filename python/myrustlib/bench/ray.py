"""The ray tracer's peers: a frame drawn pixel by pixel from Python, and one drawn with numpy.

- `per_pixel_frame(color)`: the talk's drawing loop, one color(x, y, width, height) call per
  pixel collected into RGB bytes; with `myrustlib.reference.color` it is the pure-Python frame,
  with `myrustlib.color` the Rust drop-in called from the same Python loop;
- `numpy_frame`: the scene vectorised with numpy arrays, the peer a Python user would reach for
  instead of Rust.

Every caller checks each frame byte for byte against the pure-Python reference before timing it.
"""

from __future__ import annotations

from typing import Callable

WIDTH, HEIGHT = 800, 600
"""The talk's frame."""


def per_pixel_frame(
    color: Callable[[int, int, int, int], tuple[int, int, int]],
    width: int = WIDTH,
    height: int = HEIGHT,
    *,
    progress: Callable[[int], None] | None = None,
) -> bytes:
    """The frame drawn one color() call at a time, row by row; `progress(width)` after each."""
    frame = bytearray()
    for y in range(height):
        for x in range(width):
            frame.extend(color(x, y, width, height))
        if progress is not None:
            progress(width)
    return bytes(frame)


def numpy_frame(width: int = WIDTH, height: int = HEIGHT) -> bytes:
    """The scene vectorised with numpy: one array operation per step of color(x, y).

    The same float operations in the same order as the reference, element-wise, so the frame is
    identical to it.
    """
    import numpy as np

    qx, qy, qz, r = 4.0, 3.0, 10.0, 2.0  # the sphere
    vx, vy, vz = 0.0, 0.0, 1.0  # every ray looks along +z
    ys, xs = np.indices((height, width), dtype=np.float64)
    px, py, pz = 8.0 * xs / width, 6.0 * ys / height, np.zeros_like(xs)
    with np.errstate(divide="ignore", invalid="ignore"):  # missed pixels compute garbage
        dx, dy, dz = px - qx, py - qy, pz - qz
        a = vx * vx + vy * vy + vz * vz
        h = vx * dx + vy * dy + vz * dz
        c = dx * dx + dy * dy + dz * dz - r * r
        discriminant = h * h - a * c
        hit = discriminant >= 0
        root = np.sqrt(np.where(hit, discriminant, 0.0))
        near, far = (-h - root) / a, (-h + root) / a
        t = np.where(near >= 0, near, far)
        hit &= t >= 0
        hx, hy, hz = px + vx * t, py + vy * t, pz + vz * t
        nx, ny, nz = hx - qx, hy - qy, hz - qz
        n_length = np.sqrt(nx * nx + ny * ny + nz * nz)
        lx, ly, lz = 8.0 - hx, 0.0 - hy, 7.0 - hz
        l_length = np.sqrt(lx * lx + ly * ly + lz * lz)
        shade = (
            (nx / n_length) * (lx / l_length)
            + (ny / n_length) * (ly / l_length)
            + (nz / n_length) * (lz / l_length)
        ) * 255
        red = np.where(hit, np.maximum(np.trunc(shade), 30), 100)
    other = np.where(hit, 0, 100)
    return np.stack([red, other, other], axis=-1).astype(np.uint8).tobytes()
