//! Problems found in an input document (answers, risk registers), each naming the place and
//! what is wrong, in the reader's language. Inputs report every problem, never only the first.

use crate::text::Lang;

/// What a problem is about, when it concerns one item or asset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Subject {
    Item(String),
    Asset(String),
    /// A countermeasure of the risk checklist, by id (`4-3`).
    Countermeasure(String),
    /// A medium of the risk catalog, by code (`office_pc`).
    Medium(String),
}

impl Subject {
    pub fn item(id: &str) -> Self {
        Subject::Item(id.to_owned())
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputProblem {
    /// Where: `answers.7`, `respondents[2].answers.R3.adoption`, `assets[4].c`.
    pub path: String,
    pub subject: Option<Subject>,
    pub kind: ProblemKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProblemKind {
    NotAnObject,
    NotAList,
    WrongCatalog { expected: String, got: String },
    UnknownField { allowed: String },
    MissingField,
    AnswersAndRespondents,
    RespondentsNotAllowed,
    NoRespondents,
    EmptyText,
    DuplicateName,
    DuplicateId,
    TargetsNotAllowed,
    UnknownItem,
    MissingAnswer,
    InvalidValue { got: String, allowed: Vec<String> },
    UnknownCategory,
    UnknownMedium { known: Vec<String> },
    MediumOrLevels,
    UnknownCountermeasure,
    NotText,
    TooLong { max: usize },
}

impl InputProblem {
    pub fn new(path: impl Into<String>, subject: Option<Subject>, kind: ProblemKind) -> Self {
        InputProblem {
            path: path.into(),
            subject,
            kind,
        }
    }

    /// One sentence for the person who wrote the input: the place, then what is wrong.
    pub fn message(&self, lang: Lang) -> String {
        let what = describe(&self.kind, lang);
        match (&self.subject, lang) {
            (Some(Subject::Item(id)), Lang::Ja) => format!("設問 {id}（{}）: {what}", self.path),
            (Some(Subject::Item(id)), Lang::En) => format!("item {id} ({}): {what}", self.path),
            (Some(Subject::Asset(id)), Lang::Ja) => format!("資産 {id}（{}）: {what}", self.path),
            (Some(Subject::Asset(id)), Lang::En) => format!("asset {id} ({}): {what}", self.path),
            (Some(Subject::Countermeasure(id)), Lang::Ja) => {
                format!("対策 {id}（{}）: {what}", self.path)
            }
            (Some(Subject::Countermeasure(id)), Lang::En) => {
                format!("countermeasure {id} ({}): {what}", self.path)
            }
            (Some(Subject::Medium(code)), Lang::Ja) => {
                format!("媒体 {code}（{}）: {what}", self.path)
            }
            (Some(Subject::Medium(code)), Lang::En) => {
                format!("medium {code} ({}): {what}", self.path)
            }
            (None, _) => format!("{}: {what}", self.path),
        }
    }

    /// The same for a page, where people answered through a form: the question or asset by its
    /// number, never the path into the document the form was turned into.
    pub fn message_on_page(&self, lang: Lang) -> String {
        let ja = lang == Lang::Ja;
        if let (Some(Subject::Item(id)), ProblemKind::MissingAnswer) = (&self.subject, &self.kind) {
            return if ja {
                format!("設問 {id} にまだ回答していません")
            } else {
                format!("Question {id} is not answered yet")
            };
        }
        let what = describe(&self.kind, lang);
        match (&self.subject, ja) {
            (Some(Subject::Item(id)), true) => format!("設問 {id}: {what}"),
            (Some(Subject::Item(id)), false) => format!("Question {id}: {what}"),
            (Some(Subject::Asset(id)), true) => format!("資産 {id}: {what}"),
            (Some(Subject::Asset(id)), false) => format!("Asset {id}: {what}"),
            (Some(Subject::Countermeasure(id)), true) => format!("対策 {id}: {what}"),
            (Some(Subject::Countermeasure(id)), false) => format!("Countermeasure {id}: {what}"),
            (Some(Subject::Medium(code)), true) => format!("媒体 {code}: {what}"),
            (Some(Subject::Medium(code)), false) => format!("Medium {code}: {what}"),
            (None, _) => what,
        }
    }
}

fn describe(kind: &ProblemKind, lang: Lang) -> String {
    use ProblemKind::*;
    let ja = lang == Lang::Ja;
    match kind {
        NotAnObject if ja => "JSON オブジェクト（{ … }）で指定してください".into(),
        NotAnObject => "must be a JSON object ({ … })".into(),
        NotAList if ja => "JSON 配列（[ … ]）で指定してください".into(),
        NotAList => "must be a JSON array ([ … ])".into(),
        WrongCatalog { expected, got } if ja => {
            format!("カタログ \"{got}\" の回答です。\"{expected}\" の回答を指定してください")
        }
        WrongCatalog { expected, got } => {
            format!("answers catalog \"{got}\", but \"{expected}\" was asked for")
        }
        UnknownField { allowed } if ja => {
            format!("この項目名は使えません（使える項目: {allowed}）")
        }
        UnknownField { allowed } => format!("unknown field (allowed: {allowed})"),
        MissingField if ja => "必須項目です".into(),
        MissingField => "is required".into(),
        AnswersAndRespondents if ja => {
            "answers と respondents はどちらか一方だけを指定してください".into()
        }
        AnswersAndRespondents => "give either answers or respondents, not both".into(),
        RespondentsNotAllowed if ja => "この診断では複数の回答者（respondents）は使えません".into(),
        RespondentsNotAllowed => "this catalog does not take several respondents".into(),
        NoRespondents if ja => "回答者が一人もいません".into(),
        NoRespondents => "lists no respondent".into(),
        EmptyText if ja => "空欄です".into(),
        EmptyText => "is empty".into(),
        DuplicateName if ja => "同じ名前が複数あります".into(),
        DuplicateName => "the same name appears twice".into(),
        DuplicateId if ja => "同じIDが複数あります".into(),
        DuplicateId => "the same id appears twice".into(),
        TargetsNotAllowed if ja => "目標ティア（targets）はこの診断では使えません".into(),
        TargetsNotAllowed => "this catalog takes no target tiers".into(),
        UnknownItem if ja => "この設問IDはカタログにありません".into(),
        UnknownItem => "no such item in the catalog".into(),
        MissingAnswer if ja => "回答がありません".into(),
        MissingAnswer => "is not answered".into(),
        InvalidValue { got, allowed } if ja => {
            format!("{got} は使えない値です（使える値: {}）", allowed.join(", "))
        }
        InvalidValue { got, allowed } => format!(
            "{got} is not a valid value (allowed: {})",
            allowed.join(", ")
        ),
        UnknownCategory if ja => "このカテゴリIDはカタログにありません".into(),
        UnknownCategory => "no such category in the catalog".into(),
        UnknownMedium { known } if ja => format!(
            "media に定義されていない媒体です（定義済み: {}）",
            known.join(", ")
        ),
        UnknownMedium { known } => format!(
            "medium not defined under media (defined: {})",
            known.join(", ")
        ),
        MediumOrLevels if ja => {
            "medium か、threat と vulnerability の組のどちらかを指定してください".into()
        }
        MediumOrLevels => "give either medium, or both threat and vulnerability".into(),
        UnknownCountermeasure if ja => "この対策IDは対策状況チェックにありません".into(),
        UnknownCountermeasure => "no such countermeasure on the checklist".into(),
        NotText if ja => "文字列（\"…\"）で指定してください".into(),
        NotText => "must be a text (\"…\")".into(),
        TooLong { max } if ja => format!("{max} 文字以内で入力してください"),
        TooLong { max } => format!("must be at most {max} characters"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_names_the_missing_question_without_the_path_into_the_answers() {
        let p = InputProblem::new(
            "respondents[1].answers.7",
            Some(Subject::item("7")),
            ProblemKind::MissingAnswer,
        );
        assert_eq!(p.message_on_page(Lang::Ja), "設問 7 にまだ回答していません");
        assert_eq!(
            p.message_on_page(Lang::En),
            "Question 7 is not answered yet"
        );
        assert!(
            p.message(Lang::Ja).contains("respondents[1].answers.7"),
            "the API keeps it"
        );
        let wrong = InputProblem::new(
            "answers.3",
            Some(Subject::item("3")),
            ProblemKind::UnknownItem,
        );
        assert!(!wrong.message_on_page(Lang::Ja).contains("answers."));
    }
}
