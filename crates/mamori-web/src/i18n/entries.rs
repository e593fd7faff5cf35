//! English for the Japanese texts of the pages (see `i18n`). Keys are the Japanese exactly as
//! written in the templates and the code; keep the English plain and short, as the Japanese is.

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
        "送信されたデータが大きすぎます（上限は1 MiBです）。",
        "The data sent is too large (the limit is 1 MiB).",
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
        "管理者を登録しました。ログインしてください。",
        "The administrator is registered. Please sign in.",
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
    (
        "回答者を追加しました。この回答者の回答を入力してください。",
        "The respondent was added. Enter their answers now.",
    ),
    // Diagnosis list and questionnaire
    ("診断", "Diagnosis"),
    (
        "上から順に進めるのがおすすめです。まず「情報セキュリティ5か条」、次に25項目の自社診断で、会社の今の状態を確かめましょう。",
        "We recommend going from the top down: first the Five Principles, then the 25-item self-check, to see where the company stands today.",
    ),
    ("前回の結果", "Last result"),
    ("結果を見る", "See the result"),
    ("これまでの推移", "History"),
    ("回答の続きを入力する", "Continue answering"),
    ("保存日時", "saved"),
    ("もう一度診断する", "Take it again"),
    ("診断を始める", "Start"),
    ("回答済み", "Answered"),
    (
        "回答は「保存」や「次へ」を押したときに保存されます。",
        "Answers are saved when you press Save or Next.",
    ),
    (
        "回答者（事業所・部署）",
        "Respondents (sites or departments)",
    ),
    (
        "事業所や部署ごとに回答を分けることができます。結果は、項目ごとに最も低い回答をもとにまとめて計算します。",
        "Each site or department can answer separately. The result is calculated from the lowest answer to each item.",
    ),
    ("回答者を追加する", "Add a respondent"),
    (
        "これまでの回答の名前（例: 本社）",
        "Name for the answers so far (e.g. Head office)",
    ),
    ("本社", "Head office"),
    (
        "追加する回答者の名前（例: 工場、営業部）",
        "Name of the new respondent (e.g. Factory, Sales)",
    ),
    ("追加する", "Add"),
    ("診断のパート", "Parts of the questionnaire"),
    ("確認して提出", "Review and submit"),
    ("この分類のティアの目安", "What each tier means here"),
    ("ティア", "Tier "),
    ("目標とするティア", "Target tier"),
    ("解説を見る", "Explanation"),
    ("なぜ大切か", "Why it matters"),
    ("対策しないと起こりうること", "What can happen without it"),
    ("手軽にできる対策の例", "Low-cost measures"),
    ("取り組む人", "Who acts"),
    ("前へ", "Back"),
    ("保存して確認へ進む", "Save and review"),
    ("保存して次へ", "Save and continue"),
    ("この回答を削除する", "Delete these answers"),
    (
        "入力した回答はすべて消え、元に戻せません。",
        "All answers entered will be deleted. This cannot be undone.",
    ),
    ("削除する", "Delete"),
    // Review
    ("回答の確認", "Review your answers"),
    (
        "すべての設問に回答しました。内容を確かめて提出してください。",
        "Every question is answered. Check them and submit.",
    ),
    ("未回答", "Unanswered"),
    ("設問", "Question"),
    ("内容", "Text"),
    ("回答", "Answer"),
    ("変更", "Change"),
    ("未回答: 回答する", "Unanswered: answer it"),
    ("回答に戻る", "Back to the questions"),
    ("提出して結果を見る", "Submit and see the result"),
    (
        "未回答の設問があると提出できません。",
        "You cannot submit while questions are unanswered.",
    ),
    // Result and history
    ("結果", "Result"),
    ("提出日時", "Submitted"),
    ("現在の状況", "Where you stand"),
    ("次の対策", "Next step"),
    ("分野ごとの結果", "Results by area"),
    ("前回", "Last time"),
    ("分野", "Area"),
    ("今回", "This time"),
    ("変化", "Change"),
    ("事業所・部署ごとの回答", "Answers by site or department"),
    (
        "結果は、項目ごとに最も低い回答でまとめています。強調された回答が、その項目を下げている事業所・部署です。",
        "The result takes the lowest answer to each item. Highlighted answers show the site or department that pulls an item down.",
    ),
    (
        "事業所・部署ごとの回答と合計点",
        "Answers and totals by site or department",
    ),
    ("まとめ", "Combined"),
    ("合計点", "Total"),
    ("まず確認すること", "Find out first"),
    (
        "「わからない」と答えた項目です。改善の前に、社内の実際の状況を確かめてください。",
        "These items were answered “Don't know”. Before improving anything, find out how things really are.",
    ),
    (
        "改善リスト（優先度順）",
        "Improvement list (in priority order)",
    ),
    (
        "改善が必要な項目はありません。この状態を保ちましょう。",
        "Nothing needs improving. Keep it this way.",
    ),
    ("まず確認", "Find out"),
    ("改善", "Improve"),
    ("放置すると", "If left"),
    ("確認", "Find out"),
    ("対策リストに追加", "Add to the action list"),
    ("対策リストに追加済み", "In the action list"),
    ("対策リストを見る", "See the action list"),
    ("もう一度この診断をする", "Take this diagnosis again"),
    (
        "まだ提出した結果がありません。",
        "No result has been submitted yet.",
    ),
    (
        "提出した結果（新しい順、最大50件）",
        "Submitted results (newest first, up to 50)",
    ),
    // Company home
    (
        "はじめに: 3つのステップで今の状態を確かめましょう",
        "Getting started: three steps to see where you stand",
    ),
    (
        "情報セキュリティ5か条（5問・約2分）: どの会社にも欠かせない基本の対策ができているか確かめます。",
        "The Five Principles (5 questions, about 2 minutes): check the basics every company needs.",
    ),
    (
        "5分でできる！情報セキュリティ自社診断（25問・約5分）: 会社全体の対策を点数で確かめ、改善リストを作ります。",
        "The five-minute self-check (25 questions): score the company's measures and get an improvement list.",
    ),
    (
        "改善リストから対策リストへ: 優先度の高いものから担当者と期限を決めて取り組みます。",
        "From improvement list to action list: give the most important items an owner and a due date.",
    ),
    (
        "情報セキュリティ5か条から始める",
        "Start with the Five Principles",
    ),
    ("★ 一つ星: 宣言できます", "★ One star: ready to declare"),
    ("★ 一つ星: あと少し", "★ One star: almost there"),
    ("★★ 二つ星: 宣言できます", "★★ Two stars: ready to declare"),
    ("★★ 二つ星: 未達成", "★★ Two stars: not yet"),
    ("成熟度レベル", "Maturity level"),
    (
        "最高のレベルです。継続的な改善を続けましょう。",
        "This is the highest level. Keep improving.",
    ),
    (
        "まず取り組むこと（上位3件）",
        "What to do first (top three)",
    ),
    ("診断の結果", "Diagnosis results"),
    (
        "まだ提出した診断はありません。",
        "No diagnosis has been submitted yet.",
    ),
    ("診断の一覧へ", "Go to the diagnoses"),
    (
        "診断ごとの最新の結果",
        "The latest result of each diagnosis",
    ),
    ("最新の結果", "Latest result"),
    ("次のおすすめ", "Recommended next"),
    // Result headlines and charts
    ("100点（満点）", "100 points (full marks)"),
    ("70〜99点", "70 to 99 points"),
    ("50〜69点", "50 to 69 points"),
    ("49点以下", "49 points or fewer"),
    (
        "SECURITY ACTION 一つ星の条件を満たしています",
        "Ready for SECURITY ACTION one star",
    ),
    (
        "まだ取り組んでいない項目があります",
        "Some principles are not in practice yet",
    ),
    (
        "「いいえ」の項目にすべて取り組むと、SECURITY ACTION 一つ星を宣言できます。",
        "Put every principle answered “No” into practice and you can declare SECURITY ACTION one star.",
    ),
    ("平均", "average"),
    ("総合評価", "Overall grade"),
    (
        "実施率（該当しない項目を除く）",
        "Share in place (items not applicable left out)",
    ),
    ("機能ごとのティアの平均", "Mean tier of the functions"),
    (
        "パートごとの得点率（満点に対する割合）",
        "Score of each part as a share of its maximum",
    ),
    (
        "分野ごとの平均点（5点満点）",
        "Average of each area (out of 5)",
    ),
    (
        "項目ごとの評価（A=4、B=3、C=2、D=1）",
        "Grade of each item (A=4, B=3, C=2, D=1)",
    ),
    ("グループごとの実施率", "Share in place by group"),
    (
        "機能ごとのティア（4が最高）",
        "Tier of each function (4 is highest)",
    ),
    ("、", ", "),
    ("。", ". "),
    (
        "点線は前回の結果です。",
        "The dashed line is the previous result.",
    ),
    ("表示できる結果がありません", "No result to show"),
    ("点", " points"),
    // NIST CSF gaps
    (
        "カテゴリーごとの現在のティアと目標",
        "Current and target tier of each category",
    ),
    ("現在", "Now"),
    ("目標", "Target"),
    ("目標とのギャップ", "Gap to the targets"),
    ("ギャップの大きい順", "Largest gaps first"),
    ("ギャップ", "gap"),
    (
        "目標を設定したカテゴリーは、すべて目標に届いています。",
        "Every category with a target has reached it.",
    ),
    (
        "ギャップマトリクス（●が現在のティア、◎が目標）",
        "Gap matrix (● current tier, ◎ target)",
    ),
    ("カテゴリー", "Category"),
    // NIST CSF profiles
    ("NIST CSF プロファイルの推移", "NIST CSF profiles over time"),
    (
        "改善の計画を立てたときの結果を「計画時」、取り組んだ後の結果を「評価時」として残し、ありたい姿（目標ティア）と比べます。どちらも、NIST CSF ティア自己評価の結果ページから選べます。",
        "Keep the result from when you planned your improvements as “at planning” and the result after the work as “at evaluation”, and compare both with the ideal profile (the target tiers). Both are chosen on a result page of the NIST CSF tier self-assessment.",
    ),
    ("計画時", "At planning"),
    ("評価時", "At evaluation"),
    ("未設定", "Not chosen yet"),
    (
        "カテゴリーごとのティア（成長 = 評価時 − 計画時、残りのギャップ = ありたい姿 − 評価時）",
        "Tiers by category (growth = evaluation − planning; remaining gap = ideal − evaluation)",
    ),
    ("機能・カテゴリー", "Function / category"),
    ("ありたい姿", "Ideal"),
    ("成長", "Growth"),
    ("残りのギャップ", "Remaining gap"),
    (
        "機能ごとのティア: 計画時と評価時",
        "Tier of each function at planning and at evaluation",
    ),
    ("まだスナップショットがありません", "No snapshot yet"),
    (
        "計画時のプロファイルとして残す",
        "Keep as the profile at planning",
    ),
    (
        "評価時のプロファイルとして残す",
        "Keep as the profile at evaluation",
    ),
    ("プロファイルの推移を見る", "See the profiles over time"),
    (
        "プロファイルのスナップショットを記録しました。",
        "The profile snapshot was recorded.",
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
        "（支援機関として閲覧）",
        " (viewing as a support organisation)",
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
    ("支援機関の番号", "Support organisation's number"),
    (
        "支援機関から伝えられた番号を入力してください。共有すると、その支援機関の管理者と専門家が、この企業のデータを見て入力できるようになります。",
        "Enter the number the support organisation gave you. Once you share, its administrators and consultants can see and enter this company's data.",
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
    ("アカウントの操作履歴", "Account activity log"),
    (
        "ログイン、ユーザーの追加、パスワードの設定と再設定の記録です（新しい順）。組織の中の操作は、各組織の「操作履歴」にあります。",
        "A record of sign-ins, new users, and passwords set and reset (newest first). What happens inside an organisation is in that organisation's activity log.",
    ),
    // Account
    ("あなたの情報", "Your details"),
    (
        "パスワードを変えたいときは、サイト管理者に再設定用のリンクを発行してもらってください。",
        "To change your password, ask a site administrator for a reset link.",
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
    // Peer comparison
    ("同じような企業との比較", "Compared with similar companies"),
    (
        "同じ業種・同じ規模の企業",
        "companies of the same industry and size",
    ),
    ("同じ規模の企業", "companies of the same size"),
    ("すべての企業", "all companies"),
    ("自社", "Your company"),
    ("比較対象の平均", "Peer average"),
    ("目指したい水準", "Level to aim for"),
    ("順位", "Rank"),
    ("偏差値", "Standard score"),
    ("分野ごとの比較", "Comparison by area"),
    (
        "分野ごとの比較: 自社と比較対象の平均",
        "By area: your company and the peer average",
    ),
    ("比較対象の企業の分布", "How the peer companies are spread"),
    (
        "企業情報に業種と従業員規模を登録すると、同じような企業と比べられます。",
        "Enter your industry and company size in the company profile to compare with similar companies.",
    ),
    (
        "比べられる企業がまだ5社に満たないため、比較は表示していません（個々の企業の回答が推測されないようにするためです）。",
        "Fewer than five companies can be compared yet, so no comparison is shown (this keeps any one company's answers from being inferred).",
    ),
    // Action list
    (
        "診断の結果やリスク分析、監査、インシデントの振り返りから決めた対策を、担当者と期限を決めて進めます。優先度の数字が小さいものから取り組みましょう。",
        "Actions decided from diagnosis results, risk analysis, audits and incident reviews, each with an owner and a due date. Work on the lowest priority numbers first.",
    ),
    ("期限切れ", "Overdue"),
    ("対策の一覧", "List of actions"),
    ("まだ対策はありません。", "No actions yet."),
    (
        "診断の結果にある「対策リストに追加」を押すか、下の「対策を追加する」から登録してください。",
        "Press “Add to the action list” on a diagnosis result, or add one below.",
    ),
    (
        "対策リスト（進行中のものを優先度順に、続いて完了・見送りのもの）",
        "Action list (open actions by priority, then done and dropped ones)",
    ),
    ("優先度", "Priority"),
    ("対策", "Action"),
    ("担当者", "Owner"),
    ("期限", "Due"),
    ("状態", "Status"),
    ("費用の見込み", "Estimated cost"),
    ("メモ", "Note"),
    ("完了", "Done"),
    ("優先度と費用を変える", "Change priority and cost"),
    ("優先度（1がいちばん先）", "Priority (1 comes first)"),
    ("費用の見込み（円）", "Estimated cost (yen)"),
    (
        "メモ（実施内容や証跡の場所）",
        "Note (what was done, where the evidence is)",
    ),
    (
        "行ごとに担当者・期限・状態・メモを直して「保存」を押してください。優先度と費用は「優先度と費用を変える」を開いて直せます。やらないと決めた対策は、削除せずに「見送り」にすると記録が残ります。",
        "Change the owner, due date, status or note on a row and press Save. Priority and cost are under “Change priority and cost”. For an action you decide not to take, choose “Dropped” instead of deleting it, so the decision stays on record.",
    ),
    ("対策を追加する", "Add an action"),
    ("対策の内容", "What to do"),
    ("担当者（任意）", "Owner (optional)"),
    (
        "社外の委託先など、アカウントのない人の名前も書けます。",
        "You can name someone without an account, such as an outside contractor.",
    ),
    ("期限（任意）", "Due date (optional)"),
    (
        "優先度（任意、1がいちばん先）",
        "Priority (optional; 1 comes first)",
    ),
    (
        "空欄にすると、進行中の対策のあとに加わります。",
        "Left empty, the action goes after the open ones.",
    ),
    ("費用の見込み（円、任意）", "Estimated cost (yen, optional)"),
    ("未着手", "To do"),
    ("対応中", "Doing"),
    ("見送り", "Dropped"),
    ("リスク分析", "Risk analysis"),
    ("監査", "Audit"),
    ("インシデント", "Incident"),
    ("その他", "Other"),
    ("対策リストに追加しました。", "Added to the action list."),
    (
        "この項目はすでに対策リストにあります。",
        "This item is already in the action list.",
    ),
    ("対策を更新しました。", "The action was updated."),
    ("対策を削除しました。", "The action was deleted."),
    (
        "同じような企業との比較（匿名）",
        "Comparison with similar companies (anonymous)",
    ),
    (
        "同意すると、この企業の診断結果が、企業名を伏せた統計として、ほかの企業の比較に使われます。5社以上がそろうまで比較は表示されず、個々の企業の回答は誰にも見えません。",
        "If you agree, this company's diagnosis results count, without its name, in the statistics other companies are compared with. No comparison is shown until at least five companies take part, and nobody sees any one company's answers.",
    ),
    ("同意しています", "Agreed"),
    ("同意していません", "Not agreed"),
    ("同意をやめる", "Withdraw agreement"),
    ("匿名での利用に同意する", "Agree to anonymous use"),
];
