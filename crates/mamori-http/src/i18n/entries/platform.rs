//! English for the Japanese texts of the pages, part: The layout, errors, notices, signing in, organisations, members, sharing, logs and
//! the account and site administration pages.

pub(super) const ENTRIES: &[(&str, &str)] = &[
    // Layout
    ("本文へ移動", "Skip to content"),
    ("メインメニュー", "Main menu"),
    ("組織一覧", "Organisations"),
    ("アカウント", "Account"),
    ("ユーザー管理", "Users"),
    ("ログアウト", "Sign out"),
    (
        "中小企業の情報セキュリティを、自分たちの手で。",
        "Information security for small businesses, in their own hands.",
    ),
    ("トップページへ戻る", "Back to the start page"),
    (
        "入力内容を確認してください。",
        "Please check what you entered.",
    ),
    ("保存", "Save"),
    ("提出済み", "Submitted"),
    // Error pages
    ("ページが見つかりません", "Page not found"),
    ("この操作はできません", "This is not allowed"),
    (
        "入力内容を確認してください",
        "Please check what you entered",
    ),
    ("しばらくお待ちください", "Please wait a while"),
    (
        "サーバーで問題が起きました",
        "Something went wrong on the server",
    ),
    (
        "リクエストを処理できませんでした",
        "The request could not be handled",
    ),
    (
        "お探しのページまたはデータは見つかりませんでした。",
        "The page or data you were looking for was not found.",
    ),
    ("ログインが必要です。", "Please sign in."),
    (
        "この操作を行う権限がありません。",
        "You do not have permission to do this.",
    ),
    (
        "フォームの有効期限が切れたか、別のサイトから送信されました。ページを読み込み直して、もう一度送信してください。",
        "The form has expired or was sent from another site. Reload the page and send it again.",
    ),
    (
        "入力内容に誤りがあります。",
        "Some of what you entered is not valid.",
    ),
    (
        "ログインの失敗が続いたため、しばらくログインできません。15分ほど待ってからもう一度お試しください。",
        "Too many failed sign-ins. Please wait about 15 minutes and try again.",
    ),
    (
        "サーバーで問題が起きました。時間をおいてもう一度お試しください。",
        "Something went wrong on the server. Please try again later.",
    ),
    (
        "このメールアドレスはすでに登録されています。",
        "This email address is already registered.",
    ),
    (
        "この人はすでにメンバーです。",
        "This person is already a member.",
    ),
    (
        "最後の管理者は外せません。先に別の人を管理者にしてください。",
        "The last administrator cannot be removed. Make someone else an administrator first.",
    ),
    (
        "この診断はすでに提出済みです。",
        "This assessment has already been submitted.",
    ),
    (
        "ほかの人（または別の画面）が先に保存しました。最新の内容を読み込んでから、もう一度保存してください。",
        "Someone else (or another window) saved first. Reload the latest version and save again.",
    ),
    (
        "初期設定はすでに完了しています。",
        "Setup has already been completed.",
    ),
    (
        "この診断はまだ提出されていないため、結果はありません。",
        "This assessment has not been submitted yet, so there is no result.",
    ),
    (
        "この人はすでにパスワードを設定しています。再設定はサイト管理者に依頼してください。",
        "This person has already set a password. Ask a site administrator for a reset.",
    ),
    (
        "ほかの変更と衝突しました。",
        "This conflicts with another change.",
    ),
    (
        "このアドレスではその操作はできません。",
        "That is not possible at this address.",
    ),
    (
        "送信されたデータが大きすぎます（上限は1MBです）。",
        "The data sent is too large (the limit is 1 MB).",
    ),
    (
        "送信されたデータが大きすぎます（上限は16MBです）。",
        "The data sent is too large (the limit is 16 MB).",
    ),
    (
        "送信された内容を読み取れませんでした。",
        "What was sent could not be read.",
    ),
    (
        "時間内に処理が終わりませんでした。",
        "The request took too long.",
    ),
    (
        "リクエストを処理できませんでした。",
        "The request could not be handled.",
    ),
    // Notices after a redirect
    ("ログアウトしました。", "You have signed out."),
    (
        "すべての端末からログアウトしました。",
        "You have been signed out on every device.",
    ),
    (
        "パスワードを設定しました。新しいパスワードでログインしてください。",
        "Your password is set. Please sign in with it.",
    ),
    (
        "最初の管理者を登録し、ログインしました。まず組織を登録してください。",
        "The first administrator is registered and signed in. Start by registering an organisation.",
    ),
    (
        "パスワードを変更しました。",
        "Your password has been changed.",
    ),
    (
        "パスワードを変更し、ほかの端末のログインを終了しました。",
        "Your password has been changed and you have been signed out on your other devices.",
    ),
    ("保存しました。", "Saved."),
    ("登録しました。", "Created."),
    ("削除しました。", "Deleted."),
    ("メンバーを追加しました。", "The member was added."),
    ("メンバーを外しました。", "The member was removed."),
    ("役割を変更しました。", "The role was changed."),
    (
        "支援機関との共有を開始しました。",
        "Sharing with the support organisation has started.",
    ),
    (
        "支援機関との共有をやめました。",
        "Sharing with the support organisation has stopped.",
    ),
    ("APIトークンを削除しました。", "The API token was deleted."),
    (
        "提出しました。結果をご確認ください。",
        "Submitted. Here is your result.",
    ),
    // Sign-in, first setup and passwords
    ("ログイン", "Sign in"),
    ("メールアドレス", "Email address"),
    ("パスワード", "Password"),
    (
        "パスワードを忘れたときは、管理者にパスワード再設定用のリンクを発行してもらってください。",
        "Forgotten your password? Ask an administrator for a password reset link.",
    ),
    (
        "メールアドレスまたはパスワードが違います。",
        "The email address or password is incorrect.",
    ),
    ("パスワードの設定", "Set your password"),
    (
        "新しいパスワード（10文字以上）",
        "New password (at least 10 characters)",
    ),
    ("設定する", "Set password"),
    (
        "このリンクは無効です。使用済みか、有効期限が切れています。管理者に新しいリンクを発行してもらってください。",
        "This link is not valid: it has already been used or has expired. Ask an administrator for a new one.",
    ),
    ("初期設定", "Setup"),
    (
        "初期設定：最初の管理者を登録",
        "Setup: register the first administrator",
    ),
    (
        "Mamori へようこそ。まず、このサーバーを管理する人のアカウントを作ります。",
        "Welcome to Mamori. First, create an account for the person who will manage this server.",
    ),
    ("お名前", "Name"),
    (
        "パスワード（10文字以上）",
        "Password (at least 10 characters)",
    ),
    ("管理者を登録する", "Register the administrator"),
    // Organisation list
    (
        "まだどの組織にも所属していません。自社を登録するところから始めましょう。",
        "You do not belong to any organisation yet. Start by registering your company.",
    ),
    (
        "（支援機関として閲覧・入力）",
        " (as a support organisation: view and enter data)",
    ),
    (
        "（支援機関として閲覧のみ）",
        " (as a support organisation: view only)",
    ),
    ("組織を登録する", "Register an organisation"),
    ("組織名", "Organisation name"),
    ("種類", "Type"),
    (
        "企業（自社の情報セキュリティに取り組む）",
        "Company (working on its own information security)",
    ),
    (
        "支援機関（自治体・商工会議所・専門家として企業を支援する）",
        "Support organisation (a local government, chamber of commerce or expert that supports companies)",
    ),
    ("登録する", "Register"),
    // Organisation header and tabs
    ("あなたの役割:", "Your role:"),
    (
        "（この企業の同意を得た支援機関として）",
        " (as a support organisation this company shares with)",
    ),
    ("組織のメニュー", "Organisation menu"),
    ("概要", "Overview"),
    ("対策リスト", "Action list"),
    ("企業情報", "Company details"),
    ("メンバー", "Members"),
    ("支援機関との共有", "Sharing with support organisations"),
    ("支援先の企業", "Companies you support"),
    ("操作履歴", "Activity log"),
    ("設定", "Settings"),
    // Organisation overview
    (
        "業種・従業員数・所在地を登録すると、同じ規模や業種の企業との比較ができるようになります。",
        "Add your industry, number of employees and location to compare the company with others of a similar size and industry.",
    ),
    ("企業情報を登録する", "Add company details"),
    ("企業情報を編集する", "Edit company details"),
    (
        "診断結果を共有している支援機関はありません。",
        "You are not sharing diagnosis results with any support organisation.",
    ),
    ("共有の設定を見る", "See the sharing settings"),
    (
        "まだ共有している企業はありません。",
        "No company is sharing with you yet.",
    ),
    ("業種", "Industry"),
    ("従業員数", "Employees"),
    ("従業員規模", "Company size"),
    ("所在地", "Location"),
    // Organisation settings
    ("組織名の変更", "Rename the organisation"),
    ("変更する", "Change"),
    ("組織の削除", "Delete the organisation"),
    (
        "この組織と、その診断・企業情報・メンバーの所属をすべて削除します。元に戻せません（操作履歴は残ります）。",
        "This deletes the organisation with all its diagnoses, company details and memberships. It cannot be undone (the activity log is kept).",
    ),
    // Members
    ("パスワード設定用のリンク", "Link to set a password"),
    ("名前", "Name"),
    ("役割", "Role"),
    ("参加日", "Joined"),
    ("操作", "Actions"),
    ("（あなた）", " (you)"),
    ("パスワード未設定", "No password yet"),
    ("リンクを再発行", "Issue a new link"),
    ("外す", "Remove"),
    (
        "管理者: メンバーと設定を管理できます。専門家・メンバー: 診断や台帳を入力できます。閲覧のみ: 見ることだけができます。",
        "Administrators manage members and settings. Consultants and members can enter diagnoses and records. Viewers can only look.",
    ),
    ("メンバーを追加する", "Add a member"),
    (
        "お名前（まだアカウントがない人のみ）",
        "Name (only for people without an account yet)",
    ),
    (
        "まだアカウントがない人には、パスワードを設定するためのリンクを発行します（メールは送られません）。",
        "People without an account get a link for setting their password (no email is sent).",
    ),
    // Company details
    (
        "どの項目も任意です。業種・従業員規模・所在地は、同じような企業との比較に使います。",
        "Every field is optional. Industry, company size and location are used to compare you with similar companies.",
    ),
    (
        "業種（日本標準産業分類の大分類）",
        "Industry (Japan Standard Industrial Classification division)",
    ),
    ("選択してください", "Please choose"),
    ("従業員数（人）", "Number of employees"),
    (
        "正確な人数がわからなければ、下の従業員規模だけを選んでください。",
        "If you do not know the exact number, just choose the company size below.",
    ),
    ("都道府県", "Prefecture"),
    ("市区町村", "City, town or village"),
    ("資本金（円）", "Share capital (yen)"),
    ("親会社・グループ", "Parent company or group"),
    (
        "主な取引先・サプライチェーン",
        "Main business partners and supply chain",
    ),
    ("保存する", "Save"),
    // Sharing with support organisations
    (
        "自治体・商工会議所・専門家などの支援機関に、この企業の診断結果や企業情報を見てもらい、一緒に改善に取り組めます。共有するかどうかは企業が決め、いつでもやめられます。",
        "Support organisations such as local governments, chambers of commerce and experts can see this company's diagnosis results and details and work on improvements with you. The company decides whether to share and can stop at any time.",
    ),
    (
        "いま共有している支援機関はありません。",
        "You are not sharing with any support organisation.",
    ),
    ("共有をやめる", "Stop sharing"),
    (
        "支援機関と共有を始める",
        "Start sharing with a support organisation",
    ),
    ("支援機関コード", "Support organisation code"),
    (
        "支援機関から受け取った16文字のコード（例: 7KQ2-M9XD-4TPA-H3RC）を入力してください。共有すると、その支援機関の管理者と専門家が、この企業のデータを見て入力できるようになります。",
        "Enter the 16-character code the support organisation gave you (for example 7KQ2-M9XD-4TPA-H3RC). Once you share, its administrators and consultants can see and enter this company's data.",
    ),
    (
        "支援する企業にこのコードを伝え、Mamori の「支援機関との共有」で登録してもらってください。登録した企業のデータを、この支援機関の管理者と専門家が見て入力できるようになります。",
        "Give this code to the companies you support and ask them to enter it under “Sharing with support organisations” in Mamori. This organisation's administrators and consultants can then see and enter those companies' data.",
    ),
    (
        "意図しない相手にコードが伝わったときは作り直してください。作り直すと、いまのコードは使えなくなります（すでに登録した企業はそのままです。外すときは「支援先の企業」から解除します）。",
        "If the code reached someone it should not have, replace it. The current code then stops working (companies that already registered stay; remove them under “Companies you support”).",
    ),
    ("コードを作り直す", "Replace the code"),
    (
        "企業に伝える支援機関コードは、この支援機関の管理者が設定画面で確認できます。",
        "This organisation's administrators find the code to give to companies on the settings page.",
    ),
    (
        "この企業との共有を解除する",
        "Stop working with this company",
    ),
    (
        "覚えのない企業や、支援を終えた企業は解除してください。解除すると、この支援機関からはその企業のデータが見えなくなります。",
        "Remove companies you do not know or no longer support. Once removed, this organisation no longer sees the company's data.",
    ),
    (
        "企業との共有を解除しました。",
        "Stopped working with the company.",
    ),
    (
        "支援機関コードを作り直しました。これまでのコードは使えません。",
        "The support organisation code was replaced. The previous code no longer works.",
    ),
    ("共有を始める", "Start sharing"),
    // Activity logs
    (
        "誰が、いつ、何をしたかの記録です（新しい順）。",
        "A record of who did what, and when (newest first).",
    ),
    ("記録はまだありません。", "Nothing has been recorded yet."),
    ("さらに古い記録", "Older entries"),
    ("日時", "When"),
    ("操作した人", "Who"),
    ("したこと", "What happened"),
    ("アカウントの操作履歴", "Account activity log"),
    (
        "ログイン、ユーザーの追加、パスワードの設定と再設定の記録です（新しい順）。組織の中の操作は、各組織の「操作履歴」にあります。",
        "A record of sign-ins, new users, and passwords set and reset (newest first). What happens inside an organisation is in that organisation's activity log.",
    ),
    // Account
    ("あなたの情報", "Your details"),
    ("パスワードの変更", "Change your password"),
    ("いまのパスワード", "Current password"),
    (
        "新しいパスワード（確認のためもう一度）",
        "New password (again, to check)",
    ),
    (
        "パスワード（確認のためもう一度）",
        "Password (again, to check)",
    ),
    ("パスワードを表示する", "Show the passwords"),
    ("パスワードを隠す", "Hide the passwords"),
    (
        "ほかの端末のログインを終了する（この端末はログインしたままです）",
        "Sign out on my other devices (this one stays signed in)",
    ),
    ("パスワードを変更する", "Change the password"),
    (
        "いまのパスワードを忘れたときは、サイト管理者に再設定用のリンクを発行してもらってください。",
        "If you have forgotten your current password, ask a site administrator for a reset link.",
    ),
    ("すべての端末からログアウト", "Sign out on every device"),
    (
        "パソコンやスマートフォンをなくしたときなど、ほかの端末に残っているログインをすべて終わらせます。この端末もログアウトします。",
        "Ends every sign-in left on other devices, for example if you lose a computer or phone. This device is signed out too.",
    ),
    ("すべての端末からログアウトする", "Sign out everywhere"),
    ("APIトークン", "API tokens"),
    (
        "ほかのシステムやスクリプトから Mamori の API（/api/v1/）を使うための鍵です。あなたと同じ権限で操作できるので、他人に渡さないでください。",
        "Keys for using the Mamori API (/api/v1/) from other systems or scripts. A token can do everything you can, so never give it to anyone else.",
    ),
    (
        "新しいトークンです。この画面を閉じると二度と表示されないので、いま控えてください。",
        "Here is your new token. Copy it now: it will not be shown again after you leave this page.",
    ),
    ("トークンはありません。", "You have no tokens."),
    ("作成日時", "Created"),
    ("最後に使った日時", "Last used"),
    ("未使用", "Never"),
    ("削除", "Delete"),
    (
        "トークンの名前（用途がわかるように）",
        "Token name (say what it is for)",
    ),
    ("例: 月次集計スクリプト", "e.g. Monthly report script"),
    ("トークンを作る", "Create a token"),
    // Site administration
    (
        "ログインやアカウントの操作履歴を見る",
        "See the sign-in and account activity log",
    ),
    ("このサーバーのユーザー", "Users of this server"),
    ("登録日", "Registered"),
    ("サイト管理者", "Site administrator"),
    (
        "パスワード再設定リンクを発行",
        "Issue a password reset link",
    ),
    (
        "再設定リンクは24時間有効です。使われると、その人のほかの端末のログインはすべて終わります。",
        "A reset link is valid for 24 hours. Once it is used, that person is signed out on all their other devices.",
    ),
    ("ユーザーを追加する", "Add a user"),
    (
        "サイト管理者にする（ユーザーの追加やパスワード再設定ができます）",
        "Make this person a site administrator (can add users and reset passwords)",
    ),
];
