//! The ray module through its public API: intersection cases, the scene's pixels, whole frames,
//! and PNG output.
#![allow(clippy::unwrap_used, reason = "tests fail loudly")]

use myrustlib_core::Error;
use myrustlib_core::picture::{MAX_PNG_SIDE, png_dimensions, write_png};
use myrustlib_core::ray::{BACKGROUND, Line, Sphere, Vec3, color, frame_len, render, render_into};

fn unit_sphere_at_z10() -> Sphere {
    Sphere::new(Vec3::new(0.0, 0.0, 10.0), 1.0).unwrap()
}

fn ray(p: (f64, f64, f64), v: (f64, f64, f64)) -> Line {
    Line::new(Vec3::new(p.0, p.1, p.2), Vec3::new(v.0, v.1, v.2))
}

#[test]
fn hit_returns_the_entry_point() {
    let hit = unit_sphere_at_z10().intersect(&ray((0.0, 0.0, 0.0), (0.0, 0.0, 1.0)));
    assert_eq!(hit, Ok(Some(Vec3::new(0.0, 0.0, 9.0))));
}

#[test]
fn miss_returns_none() {
    let sphere = unit_sphere_at_z10();
    assert_eq!(
        sphere.intersect(&ray((2.0, 0.0, 0.0), (0.0, 0.0, 1.0))),
        Ok(None)
    );
    // Parallel to the sphere, never reaching it.
    assert_eq!(
        sphere.intersect(&ray((0.0, 0.0, 0.0), (1.0, 0.0, 0.0))),
        Ok(None)
    );
}

#[test]
fn tangent_ray_touches_once() {
    let hit = unit_sphere_at_z10().intersect(&ray((1.0, 0.0, 0.0), (0.0, 0.0, 1.0)));
    assert_eq!(hit, Ok(Some(Vec3::new(1.0, 0.0, 10.0))));
}

#[test]
fn sphere_behind_the_origin_is_not_hit() {
    // The seed took the nearer root even when it lay behind the ray's origin (t < 0).
    let sphere = unit_sphere_at_z10();
    assert_eq!(
        sphere.intersect(&ray((0.0, 0.0, 20.0), (0.0, 0.0, 1.0))),
        Ok(None)
    );
    assert_eq!(
        sphere.intersect_distance(&ray((0.0, 0.0, 20.0), (0.0, 0.0, 1.0))),
        Ok(None)
    );
}

#[test]
fn origin_inside_returns_the_exit_point() {
    let sphere = unit_sphere_at_z10();
    let from_centre = sphere.intersect(&ray((0.0, 0.0, 10.0), (0.0, 0.0, -1.0)));
    assert_eq!(from_centre, Ok(Some(Vec3::new(0.0, 0.0, 9.0))));
    let off_centre = sphere.intersect(&ray((0.0, 0.0, 10.5), (0.0, 0.0, 1.0)));
    assert_eq!(off_centre, Ok(Some(Vec3::new(0.0, 0.0, 11.0))));
}

#[test]
fn origin_on_the_surface_is_a_hit_at_t_zero() {
    let sphere = unit_sphere_at_z10();
    assert_eq!(
        sphere.intersect_distance(&ray((0.0, 0.0, 9.0), (0.0, 0.0, 1.0))),
        Ok(Some(0.0))
    );
}

#[test]
fn direction_need_not_be_unit_length() {
    let sphere = unit_sphere_at_z10();
    for scale in [1e-3, 0.5, 2.0, 1e6] {
        let hit = sphere
            .intersect(&ray((0.0, 0.0, 0.0), (0.0, 0.0, scale)))
            .unwrap()
            .unwrap();
        assert!(
            (hit - Vec3::new(0.0, 0.0, 9.0)).length() < 1e-12,
            "scale {scale}: {hit:?}"
        );
        let t = sphere
            .intersect_distance(&ray((0.0, 0.0, 0.0), (0.0, 0.0, scale)))
            .unwrap()
            .unwrap();
        assert!((t * scale - 9.0).abs() < 1e-9, "scale {scale}: t = {t}");
    }
    // An oblique, non-unit direction: through (0, 0, 10) from (-3, 0, 6), direction (3, 0, 4) * 2.
    let hit = sphere
        .intersect(&ray((-3.0, 0.0, 6.0), (6.0, 0.0, 8.0)))
        .unwrap()
        .unwrap();
    assert!(
        (hit - Vec3::new(-0.6, 0.0, 9.2)).length() < 1e-12,
        "{hit:?}"
    );
}

#[test]
fn zero_direction_is_an_error() {
    let sphere = unit_sphere_at_z10();
    assert_eq!(
        sphere.intersect(&ray((0.0, 0.0, 0.0), (0.0, 0.0, 0.0))),
        Err(Error::ZeroDirection)
    );
    // A direction so short that v·v underflows to zero is refused the same way.
    assert_eq!(
        sphere.intersect(&ray((0.0, 0.0, 0.0), (0.0, 0.0, 1e-200))),
        Err(Error::ZeroDirection)
    );
}

#[test]
fn nan_gives_no_intersection() {
    let sphere = unit_sphere_at_z10();
    assert_eq!(
        sphere.intersect(&ray((f64::NAN, 0.0, 0.0), (0.0, 0.0, 1.0))),
        Ok(None)
    );
    assert_eq!(
        sphere.intersect(&ray((0.0, 0.0, 0.0), (0.0, f64::NAN, 1.0))),
        Ok(None)
    );
}

#[test]
fn radius_must_be_positive_and_finite() {
    let centre = Vec3::default();
    for radius in [0.0, -0.0, -1.0, f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
        assert!(
            matches!(
                Sphere::new(centre, radius),
                Err(Error::InvalidRadius { .. })
            ),
            "radius {radius}"
        );
    }
    let sphere = Sphere::new(centre, f64::MIN_POSITIVE).unwrap();
    assert_eq!(sphere.r(), f64::MIN_POSITIVE);
    assert_eq!(sphere.q(), centre);
}

#[test]
fn normals_are_unit_and_outward() {
    let sphere = unit_sphere_at_z10();
    assert_eq!(
        sphere.get_normal(Vec3::new(0.0, 0.0, 9.0)),
        Ok(Vec3::new(0.0, 0.0, -1.0))
    );
    assert_eq!(
        sphere.get_normal(Vec3::new(0.0, 0.0, 10.0)),
        Err(Error::ZeroLength)
    );
}

#[test]
fn vector_arithmetic() {
    let a = Vec3::new(1.0, 2.0, 3.0);
    let b = Vec3::new(-4.0, 0.5, 2.0);
    assert_eq!(a + b, Vec3::new(-3.0, 2.5, 5.0));
    assert_eq!(a - b, Vec3::new(5.0, 1.5, 1.0));
    assert_eq!(a.dot(b), 3.0);
    assert_eq!(a.scale(2.0), Vec3::new(2.0, 4.0, 6.0));
    assert_eq!(Vec3::new(2.0, 3.0, 6.0).length(), 7.0);
    assert_eq!(
        Vec3::new(1e-200, 0.0, 0.0).normalised(),
        Err(Error::ZeroLength)
    );
}

#[test]
fn scene_pixels() {
    assert_eq!(color(0.0, 0.0, 800.0, 600.0), Ok(BACKGROUND));
    assert_eq!(color(799.0, 599.0, 800.0, 600.0), Ok(BACKGROUND));
    // Facing the camera at the sphere's centre: n = (0, 0, -1), l = (4, -3, -1)/√26, so
    // 255 · n·l = 255/√26 = 50.009…, truncated to 50.
    assert_eq!(color(400.0, 300.0, 800.0, 600.0), Ok([50, 0, 0]));
    // Towards the upper right, the surface faces the light.
    let lit = color(500.0, 220.0, 800.0, 600.0).unwrap();
    assert!(lit[0] > 200 && lit[1..] == [0, 0], "{lit:?}");
    // The lower left faces away: only the ambient floor remains.
    assert_eq!(color(330.0, 380.0, 800.0, 600.0), Ok([30, 0, 0]));
    // The scene scales with the frame.
    assert_eq!(color(40.0, 30.0, 80.0, 60.0), Ok([50, 0, 0]));
    assert!(matches!(
        color(0.0, 0.0, 0.0, 600.0),
        Err(Error::EmptyFrame { .. })
    ));
    assert!(matches!(
        color(0.0, 0.0, 800.0, f64::NAN),
        Err(Error::EmptyFrame { .. })
    ));
    assert_eq!(color(f64::NAN, 0.0, 800.0, 600.0), Ok(BACKGROUND));
    assert_eq!(color(f64::INFINITY, 1e308, 800.0, 600.0), Ok(BACKGROUND));
}

#[test]
fn frame_is_row_major_top_row_first() {
    let (width, height) = (37, 23);
    let frame = render(width, height).unwrap();
    assert_eq!(frame.len(), width * height * 3);
    for y in 0..height {
        for x in 0..width {
            let at = (y * width + x) * 3;
            let expected = color(x as f64, y as f64, width as f64, height as f64).unwrap();
            assert_eq!(frame[at..at + 3], expected, "pixel ({x}, {y})");
        }
    }
    assert!(frame.chunks(3).any(|pixel| pixel == BACKGROUND));
    assert!(frame.chunks(3).any(|pixel| pixel[0] > 200));
}

#[test]
fn frame_does_not_depend_on_the_thread_count() {
    let one = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .unwrap();
    let four = rayon::ThreadPoolBuilder::new()
        .num_threads(4)
        .build()
        .unwrap();
    assert_eq!(
        one.install(|| render(160, 120)),
        four.install(|| render(160, 120))
    );
}

#[test]
fn one_pixel_and_one_row_frames() {
    assert_eq!(render(1, 1).unwrap(), BACKGROUND);
    assert_eq!(render(5, 1).unwrap().len(), 15);
    assert_eq!(render(1, 5).unwrap().len(), 15);
}

#[test]
fn bad_frame_sizes_are_errors() {
    assert!(matches!(render(0, 600), Err(Error::EmptyFrame { .. })));
    assert!(matches!(render(800, 0), Err(Error::EmptyFrame { .. })));
    assert_eq!(
        frame_len(usize::MAX, 2),
        Err(Error::FrameTooLarge {
            width: usize::MAX,
            height: 2
        })
    );
    assert!(matches!(
        frame_len(1 << 62, 1),
        Err(Error::FrameTooLarge { .. })
    ));
    // Fits isize, but no machine has the memory: the allocation itself is refused.
    assert!(matches!(
        render(1 << 40, 1 << 20),
        Err(Error::OutOfMemory { .. } | Error::FrameTooLarge { .. })
    ));
    let mut short = vec![0_u8; 10];
    assert_eq!(
        render_into(&mut short, 2, 2),
        Err(Error::FrameLength {
            expected: 12,
            actual: 10
        })
    );
}

#[test]
fn png_decodes_back_to_the_frame() {
    let (width, height) = (64, 48);
    let frame = render(width, height).unwrap();
    let mut png = Vec::new();
    write_png(&mut png, &frame, width, height).unwrap();
    let mut decoder = png::Decoder::new(std::io::Cursor::new(png))
        .read_info()
        .unwrap();
    let mut pixels = vec![0; decoder.output_buffer_size().unwrap()];
    let info = decoder.next_frame(&mut pixels).unwrap();
    assert_eq!((info.width, info.height), (64, 48));
    assert_eq!(info.color_type, png::ColorType::Rgb);
    assert_eq!(&pixels[..info.buffer_size()], &frame[..]);
}

#[test]
fn png_write_errors_are_io_errors() {
    struct Full;
    impl std::io::Write for Full {
        fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
            Err(std::io::Error::from_raw_os_error(28)) // ENOSPC
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let frame = render(4, 3).unwrap();
    let err = write_png(&mut Full, &frame, 4, 3).unwrap_err();
    assert!(
        matches!(
            err,
            Error::Io {
                errno: Some(28),
                ..
            }
        ),
        "{err:?}"
    );
}

#[test]
fn png_refuses_mismatched_or_oversized_frames() {
    assert!(matches!(
        write_png(&mut Vec::new(), &[0; 5], 1, 2),
        Err(Error::FrameLength { .. })
    ));
    assert!(matches!(
        write_png(&mut Vec::new(), &[], 1 << 33, 0),
        Err(Error::Png(_))
    ));
    assert!(matches!(
        write_png(&mut Vec::new(), &[], 0, 5),
        Err(Error::Png(_))
    ));
    assert_eq!(png_dimensions(MAX_PNG_SIDE, 1), Ok((0x7fff_ffff, 1)));
    assert!(matches!(
        png_dimensions(MAX_PNG_SIDE + 1, 1),
        Err(Error::Png(_))
    ));
    assert!(matches!(png_dimensions(1, 0), Err(Error::Png(_))));
}

#[test]
fn the_vector_kernel_draws_the_scalar_frame() {
    use myrustlib_core::ray::{Kernel, LANES, draw_rows};
    // Widths around the lane count (short last blocks) and frames of every shape.
    let mut sizes = vec![
        (800, 600),
        (640, 480),
        (1, 1),
        (3, 400),
        (1000, 7),
        (123, 77),
    ];
    sizes.extend((1..=3 * LANES).map(|width| (width, 2 * width + 1)));
    for (width, height) in sizes {
        let mut scalar = vec![0; width * height * 3];
        let mut vector = vec![1; width * height * 3];
        draw_rows(&mut scalar, width, height, 0, Kernel::Scalar).unwrap();
        draw_rows(&mut vector, width, height, 0, Kernel::Vector).unwrap();
        assert!(scalar == vector, "{width}x{height}");
        assert_eq!(render(width, height).unwrap(), scalar, "{width}x{height}");
    }
}
