//! Finding fields by their labels, filling them, choosing and clicking, and waiting for the page
//! a click leads to.

use std::time::{Duration, Instant};

use fantoccini::Locator;
use fantoccini::elements::Element;
use serde_json::Value;

use super::{Browser, TIMEOUT, xpath_literal};

impl Browser {
    /// The field whose `<label for>` reads `label` (whitespace-normalised): so every use also
    /// checks that the label is tied to its field.
    pub async fn field_by_label(&self, label: &str) -> Element {
        let path = self.current_path().await;
        let xpath = format!("//label[normalize-space(.)={}]", xpath_literal(label));
        let labels = self.client.find_all(Locator::XPath(&xpath)).await.unwrap();
        if labels.len() != 1 {
            panic!(
                "{path}: {} labels read 「{label}」; the labels here: {:?}",
                labels.len(),
                self.label_texts().await
            );
        }
        let id = labels[0].attr("for").await.unwrap().unwrap_or_default();
        assert!(
            !id.is_empty(),
            "{path}: the label 「{label}」 is not tied to a field (no for=\"…\")"
        );
        let fields = self.client.find_all(Locator::Id(&id)).await.unwrap();
        assert_eq!(
            fields.len(),
            1,
            "{path}: the label 「{label}」 names id \"{id}\", which {} elements have",
            fields.len()
        );
        let field = fields.into_iter().next().unwrap();
        let tag = field.tag_name().await.unwrap().to_ascii_lowercase();
        assert!(
            ["input", "select", "textarea"].contains(&tag.as_str()),
            "{path}: the label 「{label}」 names a <{tag}>, not a form field"
        );
        field
    }

    async fn label_texts(&self) -> Vec<String> {
        let v = self
            .client
            .execute(
                "return [...document.querySelectorAll('label')]\
                 .map(l => l.textContent.replace(/\\s+/g, ' ').trim());",
                vec![],
            )
            .await
            .unwrap_or_default();
        serde_json::from_value(v).unwrap_or_default()
    }

    /// Types `value` into the field labelled `label` (replacing what was there); for a select,
    /// chooses the option whose text is `value`.
    pub async fn fill_by_label(&self, label: &str, value: &str) {
        let field = self.field_by_label(label).await;
        if field
            .tag_name()
            .await
            .unwrap()
            .eq_ignore_ascii_case("select")
        {
            let xpath = format!(".//option[normalize-space(.)={}]", xpath_literal(value));
            field
                .find(Locator::XPath(&xpath))
                .await
                .unwrap_or_else(|_| panic!("「{label}」 has no option 「{value}」"))
                .click()
                .await
                .unwrap();
        } else {
            field.clear().await.unwrap();
            field
                .send_keys(value)
                .await
                .unwrap_or_else(|e| panic!("typing into 「{label}」: {e}"));
        }
    }

    /// Chooses the radio button (or checkbox) whose label reads `text`: a label wrapping the
    /// input, or one tied to it with `for`.
    pub async fn choose_radio_by_label(&self, text: &str) {
        let path = self.current_path().await;
        let xpath = format!("//label[normalize-space(.)={}]", xpath_literal(text));
        let labels = self.client.find_all(Locator::XPath(&xpath)).await.unwrap();
        if labels.len() != 1 {
            panic!(
                "{path}: {} labels read 「{text}」; the labels here: {:?}",
                labels.len(),
                self.label_texts().await
            );
        }
        let input = match labels[0].attr("for").await.unwrap() {
            Some(id) if !id.is_empty() => self.client.find(Locator::Id(&id)).await,
            _ => labels[0].find(Locator::Css("input")).await,
        }
        .unwrap_or_else(|_| panic!("{path}: the label 「{text}」 has no input"));
        input.click().await.unwrap();
        assert!(
            input.is_selected().await.unwrap(),
            "{path}: 「{text}」 is not chosen after a click"
        );
    }

    /// Clicks the visible button reading `text` and waits for the page it leads to.
    pub async fn click_button(&self, text: &str) {
        let path = self.current_path().await;
        let lit = xpath_literal(text);
        let xpath = format!(
            "//button[normalize-space(.)={lit}] | //input[@type='submit' and @value={lit}]"
        );
        let mut button = None;
        for b in self.client.find_all(Locator::XPath(&xpath)).await.unwrap() {
            if b.is_displayed().await.unwrap_or(false) {
                button = Some(b);
                break;
            }
        }
        let button = button.unwrap_or_else(|| panic!("{path}: no visible button 「{text}」"));
        self.mark_page().await;
        button.click().await.unwrap();
        self.wait_for_new_page().await;
    }

    /// Marks the page shown, so that `wait_for_new_page` can tell when another replaced it.
    pub async fn mark_page(&self) {
        self.client
            .execute("window.__mamoriOldPage = true; return null;", vec![])
            .await
            .expect("marking the page");
    }

    /// Waits until the page marked by `mark_page` has been replaced by a loaded one.
    pub async fn wait_for_new_page(&self) {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let done = self
                .client
                .execute(
                    "return document.readyState === 'complete' && !window.__mamoriOldPage;",
                    vec![],
                )
                .await;
            if matches!(done, Ok(Value::Bool(true))) {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "no new page within {TIMEOUT:?} (still at {})",
                self.current_path().await
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}
