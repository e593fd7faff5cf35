//! The daily e-mail of due dates, sent through a real SMTP server process (Python's standard
//! `smtpd`, started here on a free port) and read back with Python's own e-mail parser.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

use mamori_storage::{OrgKind, Role};
use mamori_web::MailConfig;
use mamori_web::digest::{Mailer, run_once};
use reqwest::StatusCode;
use serde_json::{Value, json};

/// The SMTP server process; stopped when dropped.
struct SmtpSink {
    child: Child,
    port: u16,
    dir: tempfile::TempDir,
}

impl SmtpSink {
    fn start() -> SmtpSink {
        let dir = tempfile::tempdir().expect("temp dir");
        let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/tools/smtp_sink.py");
        let mut child = Command::new("python3")
            .arg(script)
            .arg(dir.path())
            .stdout(Stdio::piped())
            .spawn()
            .expect("python3 runs the SMTP server (the tests need it)");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let port = line.trim().parse().expect("the SMTP server says its port");
        SmtpSink { child, port, dir }
    }

    /// The messages received, in the order they came.
    fn messages(&self) -> Vec<Value> {
        let mut files: Vec<_> = std::fs::read_dir(self.dir.path())
            .unwrap()
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .collect();
        files.sort_by_key(|p| {
            p.file_stem()
                .unwrap()
                .to_string_lossy()
                .parse::<u32>()
                .unwrap()
        });
        files
            .iter()
            .map(|p| serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap())
            .collect()
    }
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

crate::on_both_backends! {
    async fn each_member_gets_one_e_mail_a_day_with_their_companies_due_dates(app: TestApp) {
        let sink = SmtpSink::start();
        let alice = app.person("alice@example.jp").await;
        let carol = app.person("carol@example.jp").await;
        let dave = app.person("dave@example.jp").await;
        let org = app.org(&alice, OrgKind::Company, "青葉製作所").await;
        app.org(&dave, OrgKind::Company, "ボブ商店").await;
        let scope = app.store().access(alice.user.id, org).await.unwrap().unwrap().scope;
        app.store().add_member(&scope, &carol.user, Role::Member).await.unwrap();
        let today = mamori_app::standing::today_in_japan();
        let day = |n: i64| (today + time::Duration::days(n)).to_string();
        let api = app.api(&alice);
        for (title, due) in [("UTMのファームウェア更新", day(3)), ("バックアップの復元テスト", day(-2)), ("来月の棚卸し", day(40))] {
            let r = api.post(&format!("/api/v1/orgs/{org}/actions"), &json!({"title": title, "due_date": due})).await;
            assert_eq!(r.status(), StatusCode::CREATED);
        }
        let r = api.post(&format!("/api/v1/orgs/{org}/registers/devices"), &json!({"name": "営業用PC-01", "fields": {"eosl_on": day(30)}})).await;
        assert_eq!(r.status(), StatusCode::CREATED);
        // Carol turns the e-mail off on her account page.
        let r = app.browser(&carol).await.post_form("/account/digest", &[]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);

        let mailer = Mailer::new(&MailConfig {
            smtp_url: format!("smtp://127.0.0.1:{}", sink.port),
            from: "Mamori <mamori@example.jp>".into(),
            digest_hour: 8,
        })
        .unwrap();
        let sent = run_once(app.store(), &mailer, today, "https://mamori.example.jp").await.unwrap();
        assert_eq!(sent, Some(1), "Alice only: Carol opted out, Dave has nothing due");
        assert_eq!(run_once(app.store(), &mailer, today, "https://mamori.example.jp").await.unwrap(), None, "once a day");

        let messages = sink.messages();
        assert_eq!(messages.len(), 1);
        let m = &messages[0];
        assert_eq!(m["to"], json!(["alice@example.jp"]));
        assert_eq!(m["from"], "Mamori <mamori@example.jp>");
        let (y, mo, d) = (today.year(), u8::from(today.month()), today.day());
        assert_eq!(m["subject"], format!("【Mamori】期限のお知らせ（{y}年{mo}月{d}日）"));
        let body = m["body"].as_str().unwrap();
        assert!(body.contains("■ 青葉製作所"), "{body}");
        assert!(body.contains(&format!("・{} 【期限切れ】対策の期限: バックアップの復元テスト", day(-2))), "{body}");
        assert!(body.contains(&format!("・{} 対策の期限: UTMのファームウェア更新", day(3))));
        assert!(body.contains(&format!("・{} サポート終了: 営業用PC-01（機器管理台帳）", day(30))));
        assert!(!body.contains("来月の棚卸し"), "more than two weeks ahead");
        assert!(body.contains(&format!("https://mamori.example.jp/orgs/{org}/due")));
        // Overdue first: the lines come in day order.
        assert!(body.find("バックアップの復元テスト").unwrap() < body.find("UTMのファームウェア更新").unwrap());
    }
}
