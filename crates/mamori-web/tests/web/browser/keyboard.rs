//! The keyboard: key presses, Shift+Tab, typing, and moving the focus to a named control, so the
//! journeys can be walked without a mouse.

use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::key::Key;

use super::{Browser, Focused};

impl Browser {
    async fn keys(&self, actions: Vec<KeyAction>) {
        let mut seq = KeyActions::new("keyboard".to_owned());
        for a in actions {
            seq = seq.then(a);
        }
        self.client
            .perform_actions(seq)
            .await
            .expect("keyboard actions");
    }

    /// Presses and releases one key (to whatever has the focus).
    pub async fn press(&self, key: Key) {
        let value = char::from(key);
        self.keys(vec![KeyAction::Down { value }, KeyAction::Up { value }])
            .await;
    }

    /// Shift+Tab: the focus moves back.
    pub async fn press_shift_tab(&self) {
        let (shift, tab) = (char::from(Key::Shift), char::from(Key::Tab));
        self.keys(vec![
            KeyAction::Down { value: shift },
            KeyAction::Down { value: tab },
            KeyAction::Up { value: tab },
            KeyAction::Up { value: shift },
        ])
        .await;
    }

    /// Types text key by key into the focused element.
    pub async fn press_keys(&self, text: &str) {
        let mut actions = Vec::new();
        for value in text.chars() {
            actions.push(KeyAction::Down { value });
            actions.push(KeyAction::Up { value });
        }
        self.keys(actions).await;
    }

    /// Presses `key` (Enter on a field or button, Space on a button) and waits for the page the
    /// form or link leads to.
    pub async fn press_for_new_page(&self, key: Key) {
        self.mark_page().await;
        self.press(key).await;
        self.wait_for_new_page().await;
    }

    /// What has the keyboard focus.
    pub async fn focused(&self) -> Focused {
        let v = self
            .client
            .execute(
                r"const e = document.activeElement;
                  if (!e || e === document.body) return {tag: 'body', name: '', id: '', outline: false};
                  let name = e.labels && e.labels.length
                    ? [...e.labels].map(l => l.textContent).join(' ')
                    : (e.getAttribute('aria-label') || e.innerText || e.value || '');
                  const s = getComputedStyle(e);
                  return {
                    tag: e.tagName.toLowerCase(),
                    name: name.replace(/\s+/g, ' ').trim(),
                    id: e.id || '',
                    outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0,
                  };",
                vec![],
            )
            .await
            .expect("the focused element");
        Focused {
            tag: v["tag"].as_str().unwrap_or_default().to_owned(),
            name: v["name"].as_str().unwrap_or_default().to_owned(),
            id: v["id"].as_str().unwrap_or_default().to_owned(),
            outline: v["outline"].as_bool().unwrap_or(false),
        }
    }

    /// Presses Tab until the element named `name` (see `Focused::name`) has the focus, checking
    /// that each element reached shows its focus; returns how many presses it took. Fails
    /// listing the focus order when 60 presses do not reach it.
    pub async fn tab_to(&self, name: &str) -> usize {
        let mut order = Vec::new();
        for presses in 1..=60 {
            self.press(Key::Tab).await;
            let f = self.focused().await;
            if f.tag != "body" {
                assert!(
                    f.outline,
                    "{}: the focus on <{} id=\"{}\"> 「{}」 is not drawn",
                    self.current_path().await,
                    f.tag,
                    f.id,
                    f.name
                );
            }
            if f.name == name {
                return presses;
            }
            order.push(format!("<{}>{}", f.tag, f.name));
        }
        panic!(
            "{}: Tab never reached 「{name}」; the focus went through {order:?}",
            self.current_path().await
        );
    }

    /// Tabs to `name` (a link or button) and presses Enter, then waits for the next page.
    pub async fn tab_to_and_activate(&self, name: &str) {
        self.tab_to(name).await;
        self.press_for_new_page(Key::Enter).await;
    }
}
