//! The upload step every register import page shares (the asset register and the other
//! registers): read the multipart form, and refuse a missing, empty or unknown file in words.

use axum::extract::Multipart;
use mamori_http::{AppError, FieldProblem};
use mamori_workbook::FileKind;

/// An uploaded register file, checked to be a non-empty XLSX or CSV.
pub struct Upload {
    pub file_name: String,
    pub kind: FileKind,
    pub bytes: Vec<u8>,
    /// The person chose to replace the register rather than add to it.
    pub replace: bool,
}

/// Reads the `file` and `mode` fields. `Ok(Err(problems))` names what is wrong with the file.
pub async fn read(mut multipart: Multipart) -> Result<Result<Upload, Vec<FieldProblem>>, AppError> {
    let mut file: Option<(String, Vec<u8>)> = None;
    let mut replace = false;
    while let Some(part) = multipart
        .next_field()
        .await
        .map_err(|_| AppError::BadRequest("multipart".into()))?
    {
        match part.name() {
            Some("file") => {
                let name = part.file_name().unwrap_or("").to_owned();
                let bytes = part
                    .bytes()
                    .await
                    .map_err(|_| AppError::BadRequest("multipart".into()))?;
                file = Some((name, bytes.to_vec()));
            }
            Some("mode") => replace = part.text().await.unwrap_or_default() == "replace",
            _ => {}
        }
    }
    let refuse = |ja: &str, en: &str| Ok(Err(vec![FieldProblem::new("file", ja).en(en)]));
    let Some((file_name, bytes)) = file else {
        return refuse("ファイルを選んでください。", "Choose a file.");
    };
    if bytes.is_empty() {
        return refuse("ファイルが空です。", "The file is empty.");
    }
    let Some(kind) = FileKind::from_file_name(&file_name) else {
        return refuse(
            "XLSX（Excel）かCSVのファイルを選んでください。",
            "Choose an XLSX (Excel) or CSV file.",
        );
    };
    Ok(Ok(Upload {
        file_name,
        kind,
        bytes,
        replace,
    }))
}
