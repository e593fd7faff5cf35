//! Bad input: every kind gets a clear 4xx in Japanese and nothing is half-stored.

use mamori_storage::OrgKind;
use reqwest::StatusCode;
use serde_json::json;

use crate::support::{TestApp, api_error};

crate::on_both_backends! {
    async fn malformed_oversized_and_non_utf8_bodies_are_refused_cleanly(app: TestApp) {
        let p = app.person("bad@example.jp").await;
        let api = app.api(&p);
        let send = |body: Vec<u8>| {
            api.request(reqwest::Method::POST, "/api/v1/orgs")
                .header("content-type", "application/json")
                .body(body)
                .send()
        };
        let (status, code, _, message) = api_error(send(br#"{"kind": "company", "name": "#.to_vec()).await.unwrap()).await;
        assert_eq!((status, code.as_str()), (StatusCode::BAD_REQUEST, "bad_request"));
        assert!(message.contains("JSONとして読み取れません"), "{message}");

        let (status, _, _, message) = api_error(send(b"{\"kind\": \"company\", \"name\": \"\xff\xfe\"}".to_vec()).await.unwrap()).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert!(message.contains("UTF-8"), "{message}");

        // The server refuses a body over 1 MiB as soon as it reads the length, so the client is
        // told before it has sent everything (a client writing on would only see a closed pipe).
        let head = too_large_answer(&app, &p.token).await;
        assert!(head.starts_with("HTTP/1.1 413"), "{head}");
        assert!(head.contains("\"too_large\""), "{head}");

        let (status, _, fields, _) = api_error(api.post("/api/v1/orgs", &json!({"kind": "company", "name": "余計な項目", "owner": 1})).await).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(fields, vec!["owner".to_owned()]);

        let (status, _, fields, _) = api_error(api.post("/api/v1/orgs", &json!({"kind": "shop", "name": "  "})).await).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(fields, vec!["kind".to_owned(), "name".to_owned()]);

        let plain = api.request(reqwest::Method::POST, "/api/v1/orgs").body("kind=company").send().await.unwrap();
        assert_eq!(plain.status(), StatusCode::BAD_REQUEST, "JSON without its content type");

        let wrong_method = api.request(reqwest::Method::PATCH, "/api/v1/orgs").send().await.unwrap();
        assert_eq!(api_error(wrong_method).await.0, StatusCode::METHOD_NOT_ALLOWED);
        assert_eq!(api.json("/api/v1/orgs").await, json!([]), "nothing was stored");
    }

    async fn sql_metacharacters_and_markup_are_stored_as_text_and_shown_escaped(app: TestApp) {
        let p = app.person("quotes@example.jp").await;
        let api = app.api(&p);
        let sneaky = "O'Reilly\"; DROP TABLE organisations; --";
        let r = api.post("/api/v1/orgs", &json!({"kind": "company", "name": sneaky})).await;
        assert_eq!(r.status(), StatusCode::CREATED);
        let script = "<script>alert('x')</script>株式会社";
        let r = api.post("/api/v1/orgs", &json!({"kind": "company", "name": script})).await;
        let id = r.json::<serde_json::Value>().await.unwrap()["id"].as_i64().unwrap();
        let names: Vec<String> = api.json("/api/v1/orgs").await.as_array().unwrap().iter().map(|o| o["name"].as_str().unwrap().to_owned()).collect();
        assert!(names.contains(&sneaky.to_owned()) && names.contains(&script.to_owned()));

        let b = app.browser(&p).await;
        for page in ["/orgs".to_owned(), format!("/orgs/{id}"), format!("/orgs/{id}/members")] {
            let html = b.page(&page).await;
            assert!(!html.contains("<script>alert"), "{page} shows markup unescaped");
            assert!(html.contains("&#60;script&#62;") || html.contains("&lt;script&gt;"), "{page}");
        }
        let r = b.post_form(&format!("/orgs/{id}/profile"), &[("city", "<img src=x onerror=alert(1)>"), ("employees", "12")]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        assert!(!b.page(&format!("/orgs/{id}/profile")).await.contains("<img src=x"));
    }

    async fn a_profile_with_problems_lists_each_field_and_keeps_the_old_profile(app: TestApp) {
        let p = app.person("profile@example.jp").await;
        let org = app.org(&p, OrgKind::Company, "プロフィール工業").await;
        let api = app.api(&p);
        let path = format!("/api/v1/orgs/{org}/profile");
        let ok = api.put(&path, &json!({"industry": "E", "employees": 42, "prefecture": "愛知県", "city": "名古屋市"})).await;
        assert_eq!(ok.status(), StatusCode::OK);
        let saved: serde_json::Value = ok.json().await.unwrap();
        assert_eq!(saved["employee_band"], "10-49", "the band follows the head count");

        let (status, _, fields, _) = api_error(api.put(&path, &json!({"industry": "Z", "employees": 0, "prefecture": "Aichi", "employee_band": "1000"})).await).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(fields, vec!["industry", "employees", "employee_band", "prefecture"]);
        assert_eq!(api.json(&path).await["city"], "名古屋市", "the old profile is intact");

        // The same through the form, typed the way people type.
        let b = app.browser(&p).await;
        let r = b.post_form(&format!("/orgs/{org}/profile"), &[("employees", "たくさん"), ("capital_yen", "1,000万"), ("prefecture", "愛知県")]).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let html = r.text().await.unwrap();
        assert!(html.contains("従業員数は数字で入力してください"));
        assert!(html.contains("資本金は数字で入力してください"));
        assert!(html.contains("value=\"たくさん\""), "what was typed is kept");
        let r = b.post_form(&format!("/orgs/{org}/profile"), &[("employees", "１２０"), ("capital_yen", "10,000,000"), ("industry", "G")]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let now = api.json(&path).await;
        assert_eq!((now["employees"].as_i64(), now["capital_yen"].as_i64(), now["employee_band"].as_str()), (Some(120), Some(10_000_000), Some("100-299")));
    }
}

/// Sends only the head of a 1.5 MiB request and reads the answer.
async fn too_large_answer(app: &TestApp, token: &str) -> String {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut stream = tokio::net::TcpStream::connect(app.base.trim_start_matches("http://"))
        .await
        .unwrap();
    let head = format!(
        "POST /api/v1/orgs HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer {token}\r\n\
         Content-Type: application/json\r\nContent-Length: {}\r\n\r\n",
        1536 * 1024
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    let mut buf = vec![0u8; 4096];
    let n = stream.read(&mut buf).await.unwrap();
    String::from_utf8_lossy(&buf[..n]).into_owned()
}
