//! Charts as PNG for the formats that cannot take SVG well (DOCX: Word before 2019 and
//! LibreOffice's import draw SVG unevenly), drawn by resvg with the embedded font only.

use crate::Error;
use crate::font::{FAMILY, IPAEX_GOTHIC};
use resvg::tiny_skia::{Color, Pixmap, Transform};
use resvg::usvg::{self, fontdb};
use std::sync::{Arc, LazyLock};

/// Three device pixels per SVG unit: a 560-unit radar becomes 1,680 pixels, sharp in print at
/// the 12-15 cm it is placed at (≈ 300 dpi).
pub const SCALE: f32 = 3.0;

static FONTS: LazyLock<Arc<fontdb::Database>> = LazyLock::new(|| {
    let mut db = fontdb::Database::new();
    db.load_font_source(fontdb::Source::Binary(Arc::new(IPAEX_GOTHIC)));
    db.set_sans_serif_family(FAMILY);
    Arc::new(db)
});

/// A chart drawn as PNG on white: the image bytes and its size in SVG units (before scaling).
pub struct Png {
    pub bytes: Vec<u8>,
    pub width: f32,
    pub height: f32,
}

pub fn chart_png(svg: &str, index: usize) -> Result<Png, Error> {
    let fail = |reason: String| Error::Chart { index, reason };
    let options = usvg::Options {
        font_family: FAMILY.to_owned(),
        fontdb: Arc::clone(&FONTS),
        ..usvg::Options::default()
    };
    let tree = usvg::Tree::from_str(svg, &options).map_err(|e| fail(e.to_string()))?;
    let size = tree.size();
    let pixels = size
        .to_int_size()
        .scale_by(SCALE)
        .ok_or_else(|| fail("empty chart".to_owned()))?;
    let mut pixmap = Pixmap::new(pixels.width(), pixels.height())
        .ok_or_else(|| fail("empty chart".to_owned()))?;
    pixmap.fill(Color::WHITE);
    resvg::render(
        &tree,
        Transform::from_scale(SCALE, SCALE),
        &mut pixmap.as_mut(),
    );
    let bytes = pixmap.encode_png().map_err(|e| fail(e.to_string()))?;
    Ok(Png {
        bytes,
        width: size.width(),
        height: size.height(),
    })
}
