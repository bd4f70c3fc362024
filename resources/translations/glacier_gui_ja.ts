<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja" sourcelanguage="en">
<context>
    <name></name>
    <message>
        <location filename="../../glacier_gui/core/lock.py" line="+35"/>
        <source>another process</source>
        <translation>別のプロセス</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{file} is in use by {holder}; close the glacier_gui window or wait for the other run to finish, then try again</source>
        <translation>{file} は {holder} が使用中です。もう一方の glacier_gui のウィンドウを閉じるか、実行が終わるのを待ってから、もう一度試してください</translation>
    </message>
</context>
<context>
    <name>AboutDialog</name>
    <message>
        <location filename="../../glacier_gui/gui/dialogs/about.py" line="+20"/>
        <source>About {0}</source>
        <translation>{0} について</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&lt;h3&gt;{name} {version}&lt;/h3&gt;&lt;p&gt;Backs up a photo album to Amazon S3 Glacier Deep Archive, one folder at a time, with a status.csv you can also open in Excel.&lt;/p&gt;&lt;p&gt;Settings, logs and status.csv: &lt;br&gt;&lt;code&gt;{data}&lt;/code&gt;&lt;/p&gt;&lt;p&gt;Python {python}, Qt for Python {qt}. MIT licence.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;{name} {version}&lt;/h3&gt;&lt;p&gt;写真のアルバムを、フォルダごとに Amazon S3 Glacier Deep Archive へバックアップします。記録の status.csv は Excel でも開けます。&lt;/p&gt;&lt;p&gt;設定・ログ・status.csv の場所: &lt;br&gt;&lt;code&gt;{data}&lt;/code&gt;&lt;/p&gt;&lt;p&gt;Python {python}、Qt for Python {qt}。MIT ライセンス。&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>Actions</name>
    <message>
        <location filename="../../glacier_gui/gui/actions.py" line="+56"/>
        <source>&amp;Scan</source>
        <translation>スキャン(&amp;S)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Scan the album and update status.csv</source>
        <translation>アルバムを調べて status.csv を更新します</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Upload marked</source>
        <translation>印をつけたものをアップロード(&amp;U)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Upload the units marked for upload</source>
        <translation>アップロードの印をつけたフォルダをアップロードします</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>S&amp;top</source>
        <translation>停止(&amp;T)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Stop; unfinished units resume on the next upload</source>
        <translation>止めます。終わっていないフォルダは次のアップロードで続きから再開します</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Mark selected for upload</source>
        <translation>選んだフォルダにアップロードの印をつける(&amp;M)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>S&amp;ettings…</source>
        <translation>設定(&amp;E)…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Album, level and S3 settings</source>
        <translation>アルバム・階層・S3 の設定</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Open status.csv folder</source>
        <translation>status.csv のフォルダを開く(&amp;O)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Show status.csv in the file manager</source>
        <translation>status.csv のあるフォルダをエクスプローラーで開きます</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Rebuild status.csv from the bucket…</source>
        <translation>バケットから status.csv を作り直す(&amp;R)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Replace status.csv with one made from the manifests in the bucket (the current file is kept as .bak)</source>
        <translation>バケットにある目録（マニフェスト）から status.csv を作り直します（今のファイルは .bak として残します）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;About</source>
        <translation>このアプリについて(&amp;A)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Quit</source>
        <translation>終了(&amp;Q)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Restore selected units…</source>
        <translation>選択したフォルダを復元(&amp;R)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Get the selected units (or some of their files) back from S3</source>
        <translation>選択したフォルダ（またはその一部のファイル）を S3 から取り戻します</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Restore &amp;jobs</source>
        <translation>復元ジョブ(&amp;J)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Show the restore jobs: what is ready, what expires, download</source>
        <translation>復元ジョブを表示します: 準備ができたもの、期限が近いもの、ダウンロード</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Verify selected units in S3</source>
        <translation>選択したフォルダを S3 で検証(&amp;V)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check without a restore that every file is in S3, whole</source>
        <translation>復元せずに、すべてのファイルが欠けずに S3 にあるか確かめます</translation>
    </message>
</context>
<context>
    <name>BackupJobs</name>
    <message>
        <location filename="../../glacier_gui/gui/backup_jobs.py" line="+93"/>
        <source>The job could not finish</source>
        <translation>処理を最後まで終えられませんでした</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Stopping…</source>
        <translation>停止しています…</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Scanning {0}…</source>
        <translation>{0} をスキャンしています…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Scan finished: {0} units, {1} files, {2} ({3})</source>
        <translation>スキャン完了: {0} フォルダ、{1} ファイル、{2}（{3}）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>status.csv is locked</source>
        <translation>status.csv に書き込めません</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>No unit is marked for upload: tick the Upload cells first.</source>
        <translation>アップロードの印がついたフォルダがありません。先に「アップロード」欄にチェックを入れてください。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Estimating the upload of {0} unit(s)…</source>
        <translation>{0} フォルダのアップロードを見積もっています…</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Upload cancelled: nothing was sent.</source>
        <translation>アップロードを取りやめました。何も送信していません。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Uploading {0} unit(s)…</source>
        <translation>{0} フォルダをアップロードしています…</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Upload finished: {0} of {1} unit(s) synchronized</source>
        <translation>アップロード完了: {1} フォルダのうち {0} フォルダが同期済み</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stopped: {0} of {1} unit(s) synchronized; Upload resumes the others</source>
        <translation>停止しました: {1} フォルダのうち {0} フォルダが同期済み。残りは次のアップロードで再開します</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Dry run finished: nothing was sent ({0} unit(s) planned)</source>
        <translation>テスト実行が終わりました。何も送信していません（予定したフォルダ: {0}）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Some units were not uploaded</source>
        <translation>アップロードできなかったフォルダがあります</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{0}

They are marked &apos;Upload unfinished&apos;; Upload resumes them.

{1}</source>
        <translation>{0}

これらは「アップロード未完了」になっています。次のアップロードで続きから再開します。

{1}</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>No bucket</source>
        <translation>バケットが未設定です</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Choose the bucket in Settings first.</source>
        <translation>先に設定でバケットを選んでください。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Rebuild status.csv</source>
        <translation>status.csv を作り直す</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Replace {0} with a status.csv made from the manifests in bucket {1}?

Units found in the bucket become Synchronized (or New or changed, if the local folder differs); folders never uploaded are added. The current file is kept as {2}.</source>
        <translation>{0} を、バケット {1} の目録（マニフェスト）から作った status.csv に置き換えますか？

バケットにあるフォルダは「同期済み」（手元のフォルダと違うときは「新規・変更あり」）になり、まだアップロードしていないフォルダも加わります。今のファイルは {2} として残します。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Rebuild</source>
        <translation>作り直す</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Rebuilding status.csv from bucket {0}…</source>
        <translation>バケット {0} から status.csv を作り直しています…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>status.csv rebuilt from the bucket: {0} unit(s); {1} synchronized, {2} changed locally, {3} missing locally, {4} never uploaded</source>
        <translation>バケットから status.csv を作り直しました: {0} フォルダ（同期済み {1}、手元で変更あり {2}、手元になし {3}、未アップロード {4}）</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>. The album root could not be read: scan when it can.</source>
        <translation>。アルバムのフォルダを読めませんでした。読めるようになったらスキャンしてください。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>{0} of {1} · {2}/s · ETA {3} · {4} of {5} units done</source>
        <translation>{0} / {1} · {2}/秒 · 残り {3} · {4} / {5} フォルダ完了</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Scanning: {0} folders, {1} files, {2}</source>
        <translation>スキャン中: {0} フォルダ、{1} ファイル、{2}</translation>
    </message>
</context>
<context>
    <name>JobsModel</name>
    <message>
        <location filename="../../glacier_gui/gui/models/jobs_model.py" line="+38"/>
        <source>Restore job</source>
        <translation>復元ジョブ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Units</source>
        <translation>フォルダ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>State</source>
        <translation>状況</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ready</source>
        <translation>準備完了</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>In progress</source>
        <translation>復元中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not requested</source>
        <translation>未依頼</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Downloaded</source>
        <translation>ダウンロード済み</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Failed</source>
        <translation>失敗</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Expected ready</source>
        <translation>準備完了の目安</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy expires</source>
        <translation>コピーの期限</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Files</source>
        <translation>ファイル</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Destination</source>
        <translation>保存先</translation>
    </message>
    <message>
        <location line="+86"/>
        <source>{0} ({1}, {2} day(s))</source>
        <translation>{0}（{1}、{2} 日間）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{0} of {1} downloaded ({2} of {3})</source>
        <translation>{1} 件中 {0} 件ダウンロード済み（{3} 中 {2}）</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Download now: the restored copy expires {0}</source>
        <translation>今すぐダウンロードしてください: 復元したコピーは {0} に期限切れになります</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Finished with problems: {0} file(s) not restored</source>
        <translation>問題ありで終了: {0} ファイルを復元できませんでした</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Done: every file restored</source>
        <translation>完了: 全ファイルを復元済み</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ready: download the files</source>
        <translation>準備完了: ファイルをダウンロードしてください</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Needs attention: {0}</source>
        <translation>要確認: {0}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Waiting for S3</source>
        <translation>S3 の準備待ち</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Job {0}, tier {1}, restored copy kept {2} day(s); last checked with S3 {3}</source>
        <translation>ジョブ {0}、取り出し方式 {1}、復元したコピーの保持 {2} 日間。最後に S3 に確認した日時 {3}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The restored copy expires {0} and files are not downloaded yet: download them now, or they must be restored (and paid for) again.</source>
        <translation>復元したコピーは {0} に期限切れになりますが、まだダウンロードしていないファイルがあります。今すぐダウンロードしてください。期限を過ぎると、もう一度復元（と支払い）が必要になります。</translation>
    </message>
</context>
<context>
    <name>ListEditor</name>
    <message>
        <location filename="../../glacier_gui/gui/dialogs/list_editor.py" line="+24"/>
        <source>Add</source>
        <translation>追加</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove</source>
        <translation>削除</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Defaults</source>
        <translation>既定に戻す</translation>
    </message>
</context>
<context>
    <name>LogPane</name>
    <message>
        <location filename="../../glacier_gui/gui/log_pane.py" line="+57"/>
        <source>Log</source>
        <translation>ログ</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../glacier_gui/gui/main_window.py" line="+61"/>
        <source>{0} — demo</source>
        <translation>{0} — デモ</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>&amp;File</source>
        <translation>ファイル(&amp;F)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Restore</source>
        <translation>復元(&amp;R)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;View</source>
        <translation>表示(&amp;V)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Help</source>
        <translation>ヘルプ(&amp;H)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Main</source>
        <translation>メイン</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Cannot open the folder</source>
        <translation>フォルダを開けません</translation>
    </message>
</context>
<context>
    <name>RestoreActions</name>
    <message>
        <location filename="../../glacier_gui/gui/restore_actions.py" line="+77"/>
        <source>Select the units to restore first.</source>
        <translation>先に復元するフォルダを選んでください。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No bucket</source>
        <translation>バケットが未設定です</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Choose the bucket in Settings first.</source>
        <translation>先に設定でバケットを選んでください。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Restore requested: {0} object(s) asked for, {1} already under way or restored, {2} failed. The Restore jobs panel shows when they are ready.</source>
        <translation>復元を依頼しました: 依頼 {0} 件、復元中または復元済み {1} 件、失敗 {2} 件。準備ができたら「復元ジョブ」パネルでわかります。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Some restores were not requested</source>
        <translation>依頼できなかった復元があります</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Select the units to verify first.</source>
        <translation>先に検証するフォルダを選んでください。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Verifying {0} unit(s) in S3…</source>
        <translation>{0} フォルダを S3 で検証しています…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Verified {0} ({1} of {2})</source>
        <translation>{0} を検証しました（{2} 件中 {1} 件目）</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Verify finished: {0} unit(s), {1} with problems</source>
        <translation>検証完了: {0} フォルダ、うち問題あり {1}</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Verify could not run</source>
        <translation>検証できませんでした</translation>
    </message>
</context>
<context>
    <name>RestoreDialog</name>
    <message>
        <location filename="../../glacier_gui/gui/dialogs/restore_dialog.py" line="+77"/>
        <source>Restore {0} unit(s)</source>
        <translation>{0} フォルダを復元</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>the folder the files are restored into</source>
        <translation>ファイルを戻す先のフォルダ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Browse…</source>
        <translation>参照…</translation>
    </message>
    <message>
        <location line="+12"/>
        <source> day(s)</source>
        <translation> 日間</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>How long S3 keeps the restored copy: download the files before then. The copy is billed for these days.</source>
        <translation>S3 が復元したコピーを置いておく日数です。この間にダウンロードしてください。コピーにはこの日数分の料金がかかります。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Restore into:</source>
        <translation>復元先:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Speed:</source>
        <translation>取り出し方式:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keep the restored copy:</source>
        <translation>コピーの保持期間:</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Request restore</source>
        <translation>復元を依頼</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Reading the file lists and asking S3 where the files stand…</source>
        <translation>ファイルの一覧を読み、S3 にファイルの状態を問い合わせています…</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Restore into which folder?</source>
        <translation>どのフォルダに復元しますか？</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Choose the folder to restore into.</source>
        <translation>復元先のフォルダを選んでください。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Give the full path of the folder to restore into.</source>
        <translation>復元先のフォルダはフルパスで指定してください。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{0} is a file, not a folder.</source>
        <translation>{0} はフォルダではなくファイルです。</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Tick at least one file to restore.</source>
        <translation>復元するファイルを 1 つ以上チェックしてください。</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>&lt;b&gt;{0} file(s), {1}&lt;/b&gt; from {2} unit(s).</source>
        <translation>&lt;b&gt;{0} ファイル、{1}&lt;/b&gt;（{2} フォルダから）。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{0} object(s) are restored from {1} with the &lt;b&gt;{2}&lt;/b&gt; tier: ready &lt;b&gt;within {3:g} hours&lt;/b&gt;, then kept {4} day(s) to download.</source>
        <translation>{0} 個のオブジェクトを {1} から&lt;b&gt;{2}&lt;/b&gt;で復元します。&lt;b&gt;{3:g} 時間以内&lt;/b&gt;に準備ができ、その後 {4} 日間ダウンロードできます。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>{0} object(s) can be downloaded now or are already being restored.</source>
        <translation>{0} 個のオブジェクトは、すぐダウンロードできるか、すでに復元中です。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>retrieval {0}, requests {1}, restored copy {2}, download (egress) {3}</source>
        <translation>取り出し {0}、リクエスト {1}、復元コピーの保管 {2}、ダウンロード（転送料） {3}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Estimated cost: &lt;b&gt;{0}&lt;/b&gt; ({1}).</source>
        <translation>料金の見積もり: &lt;b&gt;{0}&lt;/b&gt;（{1}）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Refused: {0}: {1}</source>
        <translation>対象外: {0}: {1}</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Requesting the restore…</source>
        <translation>復元を依頼しています…</translation>
    </message>
</context>
<context>
    <name>RestoreFilesModel</name>
    <message>
        <location filename="../../glacier_gui/gui/models/restore_files_model.py" line="+32"/>
        <source>Files (untick what you do not need)</source>
        <translation>ファイル（要らないもののチェックを外してください）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Size</source>
        <translation>サイズ</translation>
    </message>
    <message>
        <location line="+210"/>
        <source>{0} (whole unit, {1} files)</source>
        <translation>{0}（フォルダ全体、{1} ファイル）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{0} of {1} file(s) ticked: {2} of {3}</source>
        <translation>{1} ファイル中 {0} ファイルを選択: {3} 中 {2}</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>{0} of {1}</source>
        <translation>{1} 中 {0}</translation>
    </message>
</context>
<context>
    <name>RestoreJobsPanel</name>
    <message>
        <location filename="../../glacier_gui/gui/restore_panel.py" line="+79"/>
        <source>Restore jobs</source>
        <translation>復元ジョブ</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Refresh status</source>
        <translation>状況を更新</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ask S3 how far the restores are (a few LIST/HEAD requests)</source>
        <translation>S3 に復元の進み具合を問い合わせます（LIST/HEAD リクエストが数回）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Download ready files</source>
        <translation>準備できたファイルをダウンロード</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Download what S3 has restored, check each file against the backup&apos;s SHA-256, keep the original dates</source>
        <translation>S3 が復元したファイルをダウンロードし、バックアップ時の SHA-256 で 1 つずつ確かめ、元の日時を保ちます</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Open destination</source>
        <translation>保存先を開く</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>The restored copy of {0} expires {1}, and {2} file(s) are not downloaded yet: press “Download ready files” now.</source>
        <translation>{0} の復元コピーは {1} に期限切れになりますが、まだ {2} ファイルをダウンロードしていません。今すぐ「準備できたファイルをダウンロード」を押してください。</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Nothing to check: every restore job is finished.</source>
        <translation>確認するものはありません。復元ジョブはすべて終わっています。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Asking S3 about {0} restore job(s)…</source>
        <translation>{0} 件の復元ジョブについて S3 に問い合わせています…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Status checked: {0} job(s), {1} with files ready to download.</source>
        <translation>状況を確認しました: {0} 件のジョブ、うちダウンロードできるファイルがあるもの {1} 件。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Nothing to download: no restore job has files waiting.</source>
        <translation>ダウンロードするものはありません。待っているファイルのある復元ジョブはありません。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Files already there</source>
        <translation>同じ名前のファイルがあります</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{0} file(s) to restore already exist in the destination, e.g.
{1}

Files identical to the backup are kept as they are. Replace the ones that differ with the backup&apos;s version?</source>
        <translation>復元する {0} ファイルが保存先にすでにあります。例:
{1}

バックアップと同じ内容のファイルはそのまま残します。内容が違うものを、バックアップの版に置き換えますか？</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Replace</source>
        <translation>置き換える</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keep mine (skip those)</source>
        <translation>手元のものを残す（それらは飛ばす）</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Downloading the ready files…</source>
        <translation>準備できたファイルをダウンロードしています…</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>{0} file(s) downloaded and verified ({1}), {2} already there, {3} not ready yet</source>
        <translation>{0} ファイルをダウンロードして確認しました（{1}）。既にあったもの {2}、まだ準備中 {3}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>, {0} skipped, {1} failed</source>
        <translation>、飛ばしたもの {0}、失敗 {1}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Failed files were not kept under their names: a file whose bytes do not match the backup&apos;s checksum is left as NAME.corrupt for you to look at.
</source>
        <translation>失敗したファイルは正しい名前では残していません。バックアップのチェックサムと合わないファイルは、確認できるように「名前.corrupt」として残しています。
</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Skipped files: a different file of yours is in the way; they stay as they are.
</source>
        <translation>飛ばしたファイル: 同じ場所に内容の違うファイルがあるため、そのままにしています。
</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Some files were not restored</source>
        <translation>復元できなかったファイルがあります</translation>
    </message>
    <message>
        <location line="+16"/>
        <location line="+25"/>
        <source>Restore</source>
        <translation>復元</translation>
    </message>
    <message>
        <location line="-18"/>
        <source>Stopping…</source>
        <translation>停止しています…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Downloading: {0} of {1}, {2} of {3} file(s)</source>
        <translation>ダウンロード中: {1} 中 {0}、{3} ファイル中 {2} ファイル</translation>
    </message>
</context>
<context>
    <name>Session</name>
    <message>
        <location filename="../../glacier_gui/gui/session.py" line="+72"/>
        <source>status.csv is locked</source>
        <translation>status.csv に書き込めません</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>status.csv cannot be read</source>
        <translation>status.csv を読めません</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Settings not saved</source>
        <translation>設定を保存できませんでした</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../glacier_gui/gui/dialogs/settings_dialog.py" line="+71"/>
        <source>Settings</source>
        <translation>設定</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Browse…</source>
        <translation>参照…</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>e.g. *.tmp</source>
        <translation>例: *.tmp</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e.g. @eaDir</source>
        <translation>例: @eaDir</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Album</source>
        <translation>アルバム</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Album root:</source>
        <translation>アルバムのフォルダ:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Level:</source>
        <translation>階層:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Skip files:</source>
        <translation>除外するファイル:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Skip folders:</source>
        <translation>除外するフォルダ:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>AWS profile (from your AWS config)</source>
        <translation>AWS プロファイル（AWS の設定ファイルから）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Access keys kept in the OS keyring</source>
        <translation>OS の資格情報ストアに保存したアクセスキー</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+251"/>
        <source>Access key id</source>
        <translation>アクセスキー ID</translation>
    </message>
    <message>
        <location line="-248"/>
        <location line="+250"/>
        <source>Secret access key</source>
        <translation>シークレットアクセスキー</translation>
    </message>
    <message>
        <location line="-249"/>
        <source>Forget stored keys</source>
        <translation>保存したキーを削除</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Profile:</source>
        <translation>プロファイル:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Access key id:</source>
        <translation>アクセスキー ID:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Secret key:</source>
        <translation>シークレットキー:</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>empty for AWS</source>
        <translation>AWS なら空欄</translation>
    </message>
    <message>
        <location line="+13"/>
        <source> KiB</source>
        <translation> KiB 未満</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>off (each file its own object)</source>
        <translation>オフ（まとめない）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Dry run: plan and report only, send nothing</source>
        <translation>テスト実行: 計画と報告だけで、何も送信しない</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Test connection</source>
        <translation>接続テスト</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Amazon S3</source>
        <translation>Amazon S3</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Credentials:</source>
        <translation>認証情報:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Region:</source>
        <translation>リージョン:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bucket:</source>
        <translation>バケット:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Key prefix:</source>
        <translation>キーのプレフィックス:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Endpoint URL:</source>
        <translation>エンドポイント URL:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Storage class:</source>
        <translation>ストレージクラス:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Concurrency:</source>
        <translation>同時送信数:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pack files smaller than:</source>
        <translation>小さいファイルをまとめる:</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Automatic (the system&apos;s language)</source>
        <translation>自動（パソコンの言語に合わせる）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The new language shows fully after the app is restarted.</source>
        <translation>言語の変更は、アプリを起動し直すとすべての画面に反映されます。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source> yen</source>
        <translation> 円</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>off (dollars only)</source>
        <translation>オフ（ドルのみ表示）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Display</source>
        <translation>表示</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Language:</source>
        <translation>言語:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Costs also in yen, 1 dollar =</source>
        <translation>料金を円でも表示（1 ドル =）:</translation>
    </message>
    <message>
        <location line="+82"/>
        <source>Choose the album root</source>
        <translation>アルバムのフォルダを選ぶ</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>counting units…</source>
        <translation>フォルダを数えています…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Choose the folder that holds the album.</source>
        <translation>アルバムが入っているフォルダを選んでください。</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>level {0} → {1} units</source>
        <translation>階層 {0} → {1} フォルダ</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>, e.g. {0}</source>
        <translation>、例: {0}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> ({0} with files above the unit level)</source>
        <translation>（{0} か所で、単位より上の階層にファイルがあります）</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>stored: {0}</source>
        <translation>保存済み: {0}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>(unchanged)</source>
        <translation>（変更なし）</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>enter the access key id and secret access key to keep in the OS keyring, or choose an AWS profile</source>
        <translation>OS の資格情報ストアに保存するアクセスキー ID とシークレットアクセスキーを入力するか、AWS プロファイルを選んでください</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>testing…</source>
        <translation>テストしています…</translation>
    </message>
</context>
<context>
    <name>StatusBoard</name>
    <message>
        <location filename="../../glacier_gui/gui/status_board.py" line="+114"/>
        <source>Filter units, e.g. 2022 or 運動会</source>
        <translation>フォルダを絞り込み（例: 2022、運動会）</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Mark selected for upload</source>
        <translation>選んだフォルダにアップロードの印をつける</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Try again</source>
        <translation>もう一度試す</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Read-only: {0}. Scan, Upload and the Upload ticks are off until then.</source>
        <translation>読み取り専用: {0}。それまではスキャン・アップロード・「アップロード」欄のチェックは使えません。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Select one or more rows first.</source>
        <translation>先に 1 行以上選んでください。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{0} unit(s) marked for upload</source>
        <translation>{0} フォルダにアップロードの印をつけました</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>{0} units · {1} synchronized · {2} need checking · {3} marked · {4} in total</source>
        <translation>{0} フォルダ · 同期済み {1} · 要確認 {2} · アップロード予定 {3} · 合計 {4}</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>monthly cost unknown for region {0}</source>
        <translation>リージョン {0} の月額は不明</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>about {0}/month in S3 ({1})</source>
        <translation>S3 の保管料 月およそ {0}（{1}）</translation>
    </message>
</context>
<context>
    <name>StatusModel</name>
    <message>
        <location filename="../../glacier_gui/gui/models/status_model.py" line="+53"/>
        <source>Upload</source>
        <translation>アップロード</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unit</source>
        <translation>フォルダ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>状態</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Progress</source>
        <translation>進み具合</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Files</source>
        <translation>ファイル数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Size</source>
        <translation>サイズ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last modified</source>
        <translation>最終更新</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sync started</source>
        <translation>同期開始</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Synchronized at</source>
        <translation>同期完了</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Files in S3</source>
        <translation>S3 のファイル数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Size in S3</source>
        <translation>S3 のサイズ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>S3 key (aws_arn)</source>
        <translation>S3 のキー（aws_arn）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Local path</source>
        <translation>手元のパス</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last error</source>
        <translation>最後のエラー</translation>
    </message>
    <message>
        <location line="+80"/>
        <source>Tick to upload this unit on the next Upload marked</source>
        <translation>チェックすると、次の「印をつけたものをアップロード」でこのフォルダをアップロードします</translation>
    </message>
    <message>
        <location line="+119"/>
        <source>{0} bytes</source>
        <translation>{0} バイト</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>done</source>
        <translation>完了</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{0}% · stopped</source>
        <translation>{0}% · 停止</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>queued</source>
        <translation>順番待ち</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{0}% · {1}/{2} files</source>
        <translation>{0}% · {1}/{2} ファイル</translation>
    </message>
</context>
<context>
    <name>Texts</name>
    <message>
        <location filename="../../glacier_gui/gui/texts.py" line="+28"/>
        <location line="+69"/>
        <source>Synchronized</source>
        <translation>同期済み</translation>
    </message>
    <message>
        <location line="-68"/>
        <source>New or changed</source>
        <translation>新規・変更あり</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+68"/>
        <source>Upload unfinished</source>
        <translation>アップロード未完了</translation>
    </message>
    <message>
        <location line="-67"/>
        <location line="+68"/>
        <source>Folder missing</source>
        <translation>フォルダなし</translation>
    </message>
    <message>
        <location line="-67"/>
        <location line="+64"/>
        <source>To upload</source>
        <translation>アップロード予定</translation>
    </message>
    <message>
        <location line="-60"/>
        <source>missing in S3</source>
        <translation>S3 にない</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>size differs</source>
        <translation>サイズが違う</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>checksum differs</source>
        <translation>チェックサムが合わない</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>wrong storage class</source>
        <translation>ストレージクラスが違う</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>tar volume too short</source>
        <translation>tar ファイルが短い</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Bulk (up to 48 hours)</source>
        <translation>大容量（最大48時間）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Standard (up to 12 hours)</source>
        <translation>標準（最大12時間）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Expedited (minutes)</source>
        <translation>迅速（数分）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Bulk</source>
        <translation>大容量</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Standard</source>
        <translation>標準</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Expedited</source>
        <translation>迅速</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Bulk: ready within 48 hours, cheapest</source>
        <translation>大容量: 48 時間以内に準備完了、いちばん安い</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Standard: ready within 12 hours</source>
        <translation>標準: 12 時間以内に準備完了</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Glacier Deep Archive</source>
        <translation>Glacier Deep Archive</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Glacier Flexible Retrieval</source>
        <translation>Glacier Flexible Retrieval</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Glacier Instant Retrieval</source>
        <translation>Glacier Instant Retrieval</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>S3 Standard</source>
        <translation>S3 標準</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>S3 Standard-IA</source>
        <translation>S3 標準 - 低頻度アクセス</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>S3 One Zone-IA</source>
        <translation>S3 1 ゾーン - 低頻度アクセス</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>S3 Intelligent-Tiering</source>
        <translation>S3 Intelligent-Tiering</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>cheapest to keep; a restore takes up to 48 hours</source>
        <translation>保管料がいちばん安い。復元に最大 48 時間</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a restore takes minutes to 12 hours</source>
        <translation>復元に数分〜12 時間</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>readable at once; billed for 90 days at least</source>
        <translation>すぐ読める。最低 90 日分の料金</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the original script&apos;s &apos;Glacier off&apos;; the dearest to keep</source>
        <translation>元のスクリプトの「Glacier オフ」。保管料がいちばん高い</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>readable at once; billed for 30 days at least</source>
        <translation>すぐ読める。最低 30 日分の料金</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>one data centre only</source>
        <translation>1 つのデータセンターだけに保管</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>S3 moves the files between tiers</source>
        <translation>S3 が自動で階層を移す</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>not requested</source>
        <translation>未依頼</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>requested</source>
        <translation>依頼済み</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>being restored</source>
        <translation>復元中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ready to download</source>
        <translation>ダウンロードできます</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>restored copy expired</source>
        <translation>復元コピーの期限切れ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>downloaded</source>
        <translation>ダウンロード済み</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+6"/>
        <source>failed</source>
        <translation>失敗</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>waiting</source>
        <translation>待機中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>downloaded and verified</source>
        <translation>ダウンロードして確認済み</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>skipped (a different file is there)</source>
        <translation>飛ばした（別の内容のファイルがある）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>All units</source>
        <translation>すべてのフォルダ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Needs attention</source>
        <translation>要確認</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>{0} ({1} in status.csv)</source>
        <translation>{0}（status.csv では {1}）</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>{0} ({1})</source>
        <translation>{0}（{1}）</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Stopped.</source>
        <translation>停止しました。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Something went wrong inside the app: {0}

The details are in the log. Your status.csv is safe.</source>
        <translation>アプリの内部で問題が起きました: {0}

詳しくはログにあります。status.csv は無事です。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Saved settings cannot be read</source>
        <translation>保存した設定を読めません</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>{0} (about ¥{1})</source>
        <translation>{0}（約 {1} 円）</translation>
    </message>
</context>
<context>
    <name>UploadEstimateDialog</name>
    <message>
        <location filename="../../glacier_gui/gui/dialogs/upload_estimate_dialog.py" line="+33"/>
        <source>Upload estimate</source>
        <translation>アップロードの見積もり</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Before anything is sent: what uploading {0} unit(s) to {1} ({2}) costs.</source>
        <translation>送信を始める前に: {0} フォルダを {1}（{2}）にアップロードするとかかる料金です。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Estimate:</source>
        <translation>見積もり:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no cost estimate ({0}); the upload itself is not affected</source>
        <translation>料金を見積もれません（{0}）。アップロード自体には影響しません</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Dry run:</source>
        <translation>テスト実行:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>on: nothing will be sent, only planned</source>
        <translation>オン: 計画だけで、何も送信しません</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Upload</source>
        <translation>アップロード</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Files:</source>
        <translation>ファイル:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>{0} in {1} unit(s)</source>
        <translation>{0} ファイル（{1} フォルダ）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{0} ({1} GB)</source>
        <translation>{0}（{1} GB）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Size:</source>
        <translation>サイズ:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source> (files below {0} packed into tar volumes)</source>
        <translation>（{0} 未満のファイルは tar ファイルにまとめます）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Objects in S3:</source>
        <translation>S3 のオブジェクト数:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Requests:</source>
        <translation>リクエスト数:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Once, for the requests:</source>
        <translation>リクエスト料（初回のみ）:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Storage per month:</source>
        <translation>毎月の保管料:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{0} (data {1} + per-object overhead {2}); {3} per year</source>
        <translation>{0}（データ {1} + オブジェクトごとの管理分 {2}）。年に {3}</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Minimum commitment:</source>
        <translation>最低保管期間の料金:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{0}: {1} days of storage are billed even if the files are deleted earlier</source>
        <translation>{0}: 早く削除しても {1} 日分の保管料がかかります</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Tip: packing files smaller than {0} into tar volumes would need {1} requests ({2}) and {3} per month: {4} less in the first year.</source>
        <translation>ヒント: {0} 未満のファイルを tar ファイルにまとめると、リクエストは {1} 回（{2}）、保管料は月 {3} になり、最初の 1 年で {4} 安くなります。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Pack files smaller than {0} (this upload and later ones; see Settings)</source>
        <translation>{0} 未満のファイルをまとめる（今回と次回以降。設定で変更できます）</translation>
    </message>
</context>
<context>
    <name>VerifyResultsDialog</name>
    <message>
        <location filename="../../glacier_gui/gui/dialogs/verify_dialog.py" line="+29"/>
        <source>Could not be checked: {0}</source>
        <translation>確かめられませんでした: {0}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{0} problem(s): {1}</source>
        <translation>問題 {0} 件: {1}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>OK: every file is there, sizes, storage class and checksums match</source>
        <translation>OK: すべてのファイルがあり、サイズ・ストレージクラス・チェックサムも一致</translation>
    </message>
    <message>
        <location line="+4"/>
        <source> ({0} object(s) carry no checksum to compare, e.g. tar volumes)</source>
        <translation>（{0} 個のオブジェクトは比べるチェックサムがありません。tar ファイルなど）</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Verify in S3</source>
        <translation>S3 で検証</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{0} unit(s) checked: {1} with problems. Nothing was restored or downloaded; this compared the backup&apos;s file lists with S3.</source>
        <translation>{0} フォルダを確かめました: うち問題あり {1}。復元もダウンロードもしていません。バックアップ時のファイル一覧と S3 を比べました。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{0} unit(s) checked: all in S3, whole and in the right storage class.</source>
        <translation>{0} フォルダを確かめました: すべて S3 に欠けずにあり、ストレージクラスも正しいです。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Unit</source>
        <translation>フォルダ</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Files</source>
        <translation>ファイル数</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Size</source>
        <translation>サイズ</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Objects</source>
        <translation>オブジェクト数</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Result</source>
        <translation>結果</translation>
    </message>
</context>
</TS>
