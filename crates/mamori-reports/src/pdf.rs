//! PDF through Typst used as a library: the model becomes Typst markup, a minimal world serves
//! that markup, the charts' SVG and the embedded font (and nothing from disk), and Typst lays out
//! and writes the PDF, subsetting the font to the glyphs used.

use crate::Error;
use crate::font::IPAEX_GOTHIC;
use crate::model::{Block, Report};
use crate::typst_markup::{chart_path, markup};
use std::sync::LazyLock;
use typst::diag::{FileError, FileResult, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_layout::PagedDocument;

/// What every report shares: the standard library and the one font, built once per process.
struct Shared {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
}

static SHARED: LazyLock<Shared> = LazyLock::new(|| {
    let fonts: Vec<Font> = Font::iter(Bytes::new(IPAEX_GOTHIC)).collect();
    Shared {
        library: LazyHash::new(Library::default()),
        book: LazyHash::new(FontBook::from_fonts(&fonts)),
        fonts,
    }
});

fn file_id(path: &str) -> FileId {
    // The paths are this module's own constants, always valid; a failure would be a bug here.
    let vpath = VirtualPath::new(path).unwrap_or_else(|_| panic!("invalid virtual path {path}"));
    RootedPath::new(VirtualRoot::Project, vpath).intern()
}

/// One report's world: its markup as the main file and its charts as SVG files.
struct ReportWorld {
    main: Source,
    charts: Vec<(FileId, Bytes)>,
}

impl World for ReportWorld {
    fn library(&self) -> &LazyHash<Library> {
        &SHARED.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &SHARED.book
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else {
            Err(FileError::AccessDenied)
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        self.charts
            .iter()
            .find(|(chart, _)| *chart == id)
            .map(|(_, bytes)| bytes.clone())
            .ok_or(FileError::AccessDenied)
    }

    fn font(&self, index: usize) -> Option<Font> {
        SHARED.fonts.get(index).cloned()
    }

    // Reports carry the date the caller gives; Typst's own clock is never asked.
    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        None
    }
}

fn messages(diagnostics: &[SourceDiagnostic]) -> Vec<String> {
    diagnostics.iter().map(|d| d.message.to_string()).collect()
}

/// Writes the report as an A4 PDF with page numbers, the font embedded as a subset and the
/// charts as vector graphics.
pub fn pdf(report: &Report) -> Result<Vec<u8>, Error> {
    let charts = report
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Chart(c) => Some(c),
            _ => None,
        })
        .enumerate()
        .map(|(i, c)| (file_id(&chart_path(i)), Bytes::from_string(c.svg.clone())))
        .collect();
    let world = ReportWorld {
        main: Source::new(file_id("/main.typ"), markup(report)),
        charts,
    };
    let compiled = typst::compile::<PagedDocument>(&world);
    let document = compiled.output.map_err(|e| Error::Typeset(messages(&e)))?;
    let options = typst_pdf::PdfOptions {
        ident: typst::foundations::Smart::Custom("mamori-report".to_owned()),
        creator: typst::foundations::Smart::Custom(Some("Mamori".to_owned())),
        ..Default::default()
    };
    let bytes = typst_pdf::pdf(&document, &options).map_err(|e| Error::PdfExport(messages(&e)))?;
    // Typst memoises layouts across compilations; a server writing reports all day keeps only
    // what the last few reports could reuse.
    typst::comemo::evict(10);
    Ok(bytes)
}
