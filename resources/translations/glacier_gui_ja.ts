<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja" sourcelanguage="en">
<context>
    <name></name>
    <message>
        <location filename="../../glacier_gui/core/lock.py" line="+48"/>
        <source>another process</source>
        <translation>別のプロセス</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{file} is in use by {holder}; close the glacier_gui window or wait for the other run to finish, then try again</source>
        <translation>{file} は {holder} が使用中です。もう一方の glacier_gui のウィンドウを閉じるか、実行が終わるのを待ってから、もう一度試してください</translation>
    </message>
    <message>
        <location filename="../../glacier_gui/core/restore/fetch.py" line="+141"/>
        <source>the restore destination {path} is a file, not a folder: move the file away, or restore again into another folder</source>
        <translation>復元先の {path} はフォルダではなくファイルです。そのファイルを移動するか、別のフォルダにもう一度復元してください</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>the restore destination {path} cannot be written: {why}</source>
        <translation>復元先の {path} に書き込めません: {why}</translation>
    </message>
    <message>
        <location line="+182"/>
        <source>the tar volume {key} sent more than the {size} bytes it had when the restore was planned; nothing was kept from it</source>
        <translation>tar ファイル {key} が、復元を計画したときの {size} バイトより多く送られてきました。ここからは何も保存していません</translation>
    </message>
    <message>
        <location filename="../../glacier_gui/core/homelink/link.py" line="+115"/>
        <source>paused (SIGCONT resumes)</source>
        <translation>一時停止中（SIGCONT で再開）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>limit {rate}/s</source>
        <translation>帯域制限 {rate}/秒</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>limit {rate}/s until {until:%H:%M}</source>
        <translation>帯域制限 {rate}/秒（{until:%H:%M} まで）</translation>
    </message>
    <message>
        <location filename="../../glacier_gui/core/paths.py" line="+106"/>
        <source>Windows does not allow {char} in a name</source>
        <translation>Windows では名前に {char} を使えません</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Windows drops a name&apos;s trailing dot or space</source>
        <translation>Windows では名前の末尾のピリオドや空白が消えてしまいます</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{head} is a device name on Windows</source>
        <translation>{head} は Windows のデバイス名です</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>refused {path!r}: {why}; it would not stay inside the destination folder</source>
        <translation>{path!r} は対象外です: {why}。復元先のフォルダの外に出てしまいます</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>refused {path!r}: it resolves outside the destination folder</source>
        <translation>{path!r} は対象外です: 復元先のフォルダの外を指しています</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>the name is not valid Unicode</source>
        <translation>名前が正しい Unicode ではありません</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a backslash is Windows&apos; folder separator</source>
        <translation>バックスラッシュは Windows ではフォルダの区切りです</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>it is an absolute path (drive letter)</source>
        <translation>絶対パス（ドライブ文字つき）です</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a colon is not allowed in a folder name on Windows</source>
        <translation>Windows ではフォルダ名にコロン（:）を使えません</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>unit {unit!r} is not a folder inside the album: {why}</source>
        <translation>フォルダ {unit!r} はアルバムの中のフォルダではありません: {why}</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>unit {unit!r} resolves outside the album (through a symbolic link?)</source>
        <translation>フォルダ {unit!r} はアルバムの外を指しています（シンボリックリンク経由？）</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>{path} is a folder, where a file was expected</source>
        <translation>{path} はファイルではなくフォルダです</translation>
    </message>
    <message>
        <location line="+5"/>
        <source> (on the way to {path})</source>
        <translation>（{path} までの途中）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{here} is a file, where a folder is needed{suffix}</source>
        <translation>フォルダが必要な場所にファイル {here} があります{suffix}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>permission denied: {path} (read-only, or in use by another program)</source>
        <translation>アクセスが拒否されました: {path}（読み取り専用か、ほかのプログラムが使用中）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{path} does not exist (or a folder on the way to it is missing)</source>
        <translation>{path} がありません（または途中のフォルダがありません）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the disk is full: cannot write {path}</source>
        <translation>ディスクがいっぱいです: {path} に書き込めません</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{why}: {path}</source>
        <translation>{why}: {path}</translation>
    </message>
    <message>
        <location filename="../../glacier_gui/core/s3/connection.py" line="+61"/>
        <source>no bucket is set: enter the bucket name</source>
        <translation>バケットが未設定です。バケット名を入力してください</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>not allowed: the IAM policy must allow {action} on bucket {bucket!r}</source>
        <translation>許可されていません: IAM ポリシーでバケット {bucket!r} に対する {action} を許可する必要があります</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>bucket {bucket!r} does not exist (or is in another account): check the name and region</source>
        <translation>バケット {bucket!r} がありません（または別のアカウントのものです）。名前とリージョンを確かめてください</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>bucket {bucket!r} exists but access is denied: check the credentials, and that the IAM policy allows s3:ListBucket on it</source>
        <translation>バケット {bucket!r} はありますが、アクセスが拒否されました。認証情報と、IAM ポリシーがこのバケットに s3:ListBucket を許可しているかを確かめてください</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>bucket {bucket!r} is reachable</source>
        <translation>バケット {bucket!r} に接続できます</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>listing objects is allowed</source>
        <translation>ファイルの一覧を取得できます</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>writing objects is allowed</source>
        <translation>ファイルを書き込めます</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>reading objects back is allowed</source>
        <translation>ファイルを読み戻せます</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>not tested: writing failed</source>
        <translation>未テスト: 書き込みに失敗しました</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>listing unfinished multipart uploads is allowed (orphaned uploads are found and aborted)</source>
        <translation>途中のマルチパートアップロードの一覧を取得できます（取り残されたアップロードを見つけて中止できます）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>listing the parts of an unfinished upload is allowed (resume works)</source>
        <translation>途中のアップロードの断片の一覧を取得できます（続きから再開できます）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>aborting unfinished uploads is allowed (their parts stop being billed)</source>
        <translation>途中のアップロードを中止できます（断片の料金がかからなくなります）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>requesting restores is allowed (getting photos back)</source>
        <translation>復元を依頼できます（写真を取り戻せます）</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>the IAM policy must allow s3:GetLifecycleConfiguration</source>
        <translation>IAM ポリシーで s3:GetLifecycleConfiguration を許可する必要があります</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>could not read the bucket&apos;s lifecycle rules ({why}): without a rule that aborts unfinished multipart uploads, S3 bills their parts until someone aborts them</source>
        <translation>バケットのライフサイクルルールを読めませんでした（{why}）。途中で終わったマルチパートアップロードを中止するルールがないと、中止されるまで S3 はその断片に料金をかけ続けます</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>S3 aborts unfinished uploads after {days} days</source>
        <translation>S3 は途中で終わったアップロードを {days} 日後に中止します</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>no lifecycle rule aborts unfinished multipart uploads under {prefix!r}: S3 bills the parts of an upload that never finishes (a crash, a lost answer) until it is aborted; the README shows how to add the rule (AbortIncompleteMultipartUpload)</source>
        <translation>{prefix!r} の下には、途中で終わったマルチパートアップロードを中止するライフサイクルルールがありません。最後まで終わらなかったアップロード（異常終了や応答の消失など）の断片には、中止されるまで S3 の料金がかかります。ルール（AbortIncompleteMultipartUpload）の追加方法は README にあります</translation>
    </message>
    <message>
        <location filename="../../glacier_gui/core/s3/outage.py" line="+150"/>
        <source>network back after {lasted}</source>
        <translation>{lasted} ぶりにネットワークが戻りました</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>waiting for the network (S3 unreachable since {since}; giving up at {until})</source>
        <translation>ネットワークの回復を待っています（{since} から S3 に接続できません。{until} にあきらめます）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>S3 unreachable since {since} ({reason}); gave up after waiting {waited} (setting outage_wait): upload again to resume</source>
        <translation>{since} から S3 に接続できません（{reason}）。{waited} 待ってあきらめました（設定 outage_wait）。続きはもう一度アップロードすると再開します</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>S3 unreachable ({reason}); not waiting for it (outage_wait is 0): upload again to resume</source>
        <translation>S3 に接続できません（{reason}）。回復は待ちません（outage_wait が 0）。続きはもう一度アップロードすると再開します</translation>
    </message>
    <message>
        <location filename="../../glacier_gui/core/album/scan.py" line="+233"/>
        <source>folder not found: {path}</source>
        <translation>フォルダが見つかりません: {path}</translation>
    </message>
    <message>
        <location line="+70"/>
        <source>skipped the folder {path}: {why}; rename it to back it up</source>
        <translation>フォルダ {path} を飛ばしました: {why}。バックアップするには名前を変えてください</translation>
    </message>
    <message>
        <location filename="../../glacier_gui/core/album/notes.py" line="+22"/>
        <source>skipped {path}: its name is not valid Unicode (bytes from another system); rename it to back it up</source>
        <translation>{path} を飛ばしました: 名前が正しい Unicode ではありません（別のシステムの文字コード）。バックアップするには名前を変えてください</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{path}: {trouble}; it is uploaded, but cannot be restored to Windows under this name</source>
        <translation>{path}: {trouble}。アップロードはしますが、この名前のままでは Windows に復元できません</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>skipped the symbolic link {path} -&gt; {target} (setting symlinks: report; &apos;follow&apos; reads its target)</source>
        <translation>シンボリックリンク {path} -&gt; {target} を飛ばしました（設定 symlinks が report のため。follow にするとリンク先を読みます）</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>skipped the link {path} -&gt; {target}: a link to a folder is never a unit (units are real folders inside the album)</source>
        <translation>リンク {path} -&gt; {target} を飛ばしました: フォルダへのリンクはバックアップ単位になりません（単位はアルバムの中の実際のフォルダです）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>skipped the broken link {path} -&gt; {target}</source>
        <translation>リンク切れの {path} -&gt; {target} を飛ばしました</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>skipped the link {path} -&gt; {target}: it leads back into a folder it is in (a loop)</source>
        <translation>リンク {path} -&gt; {target} を飛ばしました: 自分が入っているフォルダに戻ってしまいます（ループ）</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>cannot read folder {path}: {why}</source>
        <translation>フォルダ {path} を読めません: {why}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cannot read {path}: {why}</source>
        <translation>{path} を読めません: {why}</translation>
    </message>
    <message>
        <location filename="../../glacier_gui/core/settings.py" line="+83"/>
        <source>The folder that holds the album, e.g. \\192.168.0.20\10_Album</source>
        <translation>アルバムが入っているフォルダ（例: \\192.168.0.20\10_Album）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The album&apos;s name in the bucket, the first part of every key (empty: the album folder&apos;s name)</source>
        <translation>バックアップ先（バケット）でのアルバムの名前。保存されるすべてのファイル名の先頭に付きます（空欄: アルバムのフォルダ名）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>How many folder levels below the root make one backup unit</source>
        <translation>アルバムのフォルダから何階層下をバックアップの単位にするか</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>File names never uploaded (wildcards ok)</source>
        <translation>アップロードしないファイル名（* や ? も使えます）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Folder names never scanned</source>
        <translation>スキャンしないフォルダ名</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>report: skip each link and list it in the scan summary and the log; follow: back up what it points to (inside a unit; loops are detected)</source>
        <translation>report: リンクはバックアップせず、スキャン結果とログに一覧します。follow: リンク先の中身をバックアップします（単位の中だけ。ループは検出します）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The S3 bucket that receives the backup</source>
        <translation>バックアップを保存する S3 バケット</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Optional prefix for every key, e.g. backup/</source>
        <translation>すべてのキーの先頭に付ける文字列（任意。例: backup/）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>AWS region of the bucket (empty: from the AWS profile)</source>
        <translation>バケットの AWS リージョン（空欄: AWS プロファイルの設定を使う）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Profile from ~/.aws/config (empty: default credential chain)</source>
        <translation>~/.aws/config のプロファイル（空欄: 既定の認証情報）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>profile: the AWS config/profile chain; keyring: keys kept in the OS keyring</source>
        <translation>profile: AWS の設定・プロファイルを使う。keyring: OS の資格情報ストアに保存したキーを使う</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Only for S3-compatible services and tests</source>
        <translation>S3 互換サービスとテスト用（通常は空欄）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>DEEP_ARCHIVE is cheapest to keep; STANDARD is the original&apos;s &apos;Glacier off&apos;</source>
        <translation>DEEP_ARCHIVE がいちばん安く保管できます。STANDARD は元のスクリプトの「Glacier off」にあたります</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Parts or files over 1 MiB sent at once (smaller: twice as many)</source>
        <translation>同時に送る分割部分と 1 MB を超えるファイルの数（それより小さいファイルはその 2 倍）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Restored files (or pieces of a big one) downloaded at once</source>
        <translation>同時にダウンロードするファイルの数（大きなファイルは分割した部分の数）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Files larger than this are sent in parts of this size</source>
        <translation>これより大きいファイルは、この大きさに分割して送ります</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Bundle smaller files into tar volumes (0 = off, each photo its own object)</source>
        <translation>これより小さいファイルを tar にまとめて送ります（0 = まとめない。写真は 1 枚ずつ保存）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Keep a small JPEG of every photo in one pack per unit, readable without a restore (about 15 KB a photo)</source>
        <translation>写真ごとに小さな JPEG を作り、フォルダごとに 1 つにまとめて保存します。復元せずに見られます（1 枚あたり約 15 KB）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Storage class of the thumbnail packs: STANDARD or GLACIER_IR (90-day minimum); never DEEP_ARCHIVE</source>
        <translation>サムネイルの保存先の保管の種類: STANDARD か GLACIER_IR（最低 90 日分の料金）。DEEP_ARCHIVE には置きません</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Plan and report only; nothing is sent to S3</source>
        <translation>計画と報告だけを行い、S3 には何も送りません</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>How long an upload waits for S3 when the network is down before it stops (30m, 20s, 1h; 0 = not at all)</source>
        <translation>ネットワークが切れたとき、アップロードが S3 を待つ時間（30m、20s、1h など。0 = 待たない）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Where status.csv lives (empty: in the data directory)</source>
        <translation>一覧ファイルの場所（空欄: データフォルダ）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Upload at most this fast, all connections together, in rclone&apos;s --bwlimit syntax: 4M (MiB/s), 512k, or a timetable such as &apos;08:00,1M 23:00,off&apos; (empty or off: no limit)</source>
        <translation>アップロードの速さの上限（すべての接続の合計）。rclone の --bwlimit と同じ書き方: 4M（MB/秒）、512k、または「08:00,1M 23:00,off」のような時間割（空欄または off: 制限なし）</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Keep the computer from sleeping while it scans, uploads or downloads (--no-keep-awake lets it sleep)</source>
        <translation>スキャン、アップロード、ダウンロードの間はコンピューターをスリープさせません（--no-keep-awake でスリープできます）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>off, daily or weekly: when &apos;glacier-gui schedule register&apos; makes the system run &apos;run&apos; by itself</source>
        <translation>off・daily（毎日）・weekly（毎週）: 「glacier-gui schedule register」で登録すると、この頻度で自動的にバックアップします</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Time of day of the automatic backup (HH:MM)</source>
        <translation>自動バックアップの時刻（HH:MM）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Days of a weekly automatic backup, e.g. MON,THU</source>
        <translation>毎週の自動バックアップの曜日（例: MON,THU）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The window&apos;s language: auto (the system&apos;s), ja or en; the command line speaks English</source>
        <translation>画面の言語: auto（システムに合わせる）、ja、en。コマンドラインは英語です</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Also show costs in yen at this rate, e.g. 150 (0 = dollars only)</source>
        <translation>このレートで円の目安も表示します（例: 150。0 = ドルのみ）</translation>
    </message>
    <message>
        <location line="+90"/>
        <source>the data folder {path} is a file, not a folder: move it away or choose another with --data-dir DIR</source>
        <translation>データフォルダ {path} はフォルダではなくファイルです。移動するか、--data-dir DIR で別のフォルダを指定してください</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>the data folder {path} cannot be used ({reason}): choose another with --data-dir DIR</source>
        <translation>データフォルダ {path} を使えません（{reason}）。--data-dir DIR で別のフォルダを指定してください</translation>
    </message>
    <message>
        <location filename="../../glacier_gui/core/ledger/status.py" line="+153"/>
        <source>the local folder was not found in the last scan</source>
        <translation>前回のスキャンでこのパソコンのフォルダが見つかりませんでした</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>{why}: taken as the row of {unit}</source>
        <translation>{why}: {unit} の行として引き継ぎました</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>dropped: {why}</source>
        <translation>取り除きました: {why}</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>the local folder changed since it was synchronized</source>
        <translation>同期した後で、このパソコンのフォルダが変わりました</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>{path} is open in another program (Excel?) and cannot be replaced ({reason})</source>
        <translation>{path} はほかのプログラム（Excel など）で開かれているため、置き換えられません（{reason}）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{path} cannot be written: {reason}</source>
        <translation>{path} に書き込めません: {reason}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{why}; your changes are kept in {kept} and will be written when it can be</source>
        <translation>{why}。変更は {kept} に取ってあり、書き込めるようになったら書き込みます</translation>
    </message>
    <message>
        <location line="+94"/>
        <source>{path}, line {line}: unit {unit!r} is not a folder inside the album ({why}); the row is left as it is and never uploaded</source>
        <translation>{path} の {line} 行目: フォルダ {unit!r} はアルバムの中のフォルダではありません（{why}）。この行はそのまま残し、アップロードしません</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>it may have been changed by a spreadsheet or by hand</source>
        <translation>表計算ソフトか手作業で書き換えられたようです</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{unit}: its row in status.csv was broken; taken from the app&apos;s record</source>
        <translation>{unit}: status.csv のこの行がこわれていたため、アプリの記録から戻しました</translation>
    </message>
    <message>
        <location filename="../../glacier_gui/core/ledger/status_file.py" line="+65"/>
        <source>{path} is a folder, where status.csv (a file) should be: choose a file with --status-file (setting status_file)</source>
        <translation>{path} はフォルダです。ここには一覧ファイル（status.csv）が必要です。--status-file（設定 status_file）で別のファイルを指定してください</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{folder} is a file, where the folder of {path} should be: choose another place with --status-file (setting status_file)</source>
        <translation>{folder} はファイルです。ここには {path} を置くフォルダが必要です。--status-file（設定 status_file）で別の場所を指定してください</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>{path} is not a status.csv: the column(s) {missing} are missing</source>
        <translation>{path} は一覧ファイル（status.csv）ではありません: 列 {missing} がありません</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>{path} is not a readable CSV table: line {line} has {count} fields, the header {expected}</source>
        <translation>{path} は読める CSV の表ではありません: {line} 行目の項目数は {count}、見出しの項目数は {expected} です</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>{path} looks like Unicode text (UTF-16) but cannot be decoded: save it from Excel as &apos;CSV UTF-8&apos;</source>
        <translation>{path} は Unicode（UTF-16）のテキストのようですが、読み取れません。Excel で「CSV UTF-8」形式で保存し直してください</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{path} is neither UTF-8 nor Shift-JIS (cp932) text</source>
        <translation>{path} は UTF-8 でも Shift-JIS（cp932）でもないテキストです</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>this looks like UTF-8 read as Shift-JIS (the Japanese is garbled)</source>
        <translation>UTF-8 のファイルを Shift-JIS として読んだようです（日本語が文字化けしています）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>this looks like Shift-JIS read as UTF-8 (some characters were lost)</source>
        <translation>Shift-JIS のファイルを UTF-8 として読んだようです（一部の文字が失われています）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{path} cannot be read: {what}. Use {bak} (the copy kept beside it), or open the file again choosing the encoding UTF-8 and save it as &apos;CSV UTF-8&apos;</source>
        <translation>{path} を読めません: {what}。横に保管してある {bak} を使うか、元のファイルを文字コード UTF-8 で開き直して「CSV UTF-8」で保存してください</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{path} cannot be read: {what}. Restore it from a backup, or open the file again choosing the encoding UTF-8 and save it as &apos;CSV UTF-8&apos;</source>
        <translation>{path} を読めません: {what}。バックアップから戻すか、元のファイルを文字コード UTF-8 で開き直して「CSV UTF-8」で保存してください</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>{path}, line {line}: not a readable CSV row ({why})</source>
        <translation>{path} の {line} 行目: CSV の行として読めません（{why}）</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>restore it from {bak} (kept beside it) or fix the line</source>
        <translation>同じフォルダにある {bak} から戻すか、その行を直してください</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>fix the line, or restore the file from a backup</source>
        <translation>その行を直すか、ファイルをバックアップから戻してください</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>restore it from {bak} (kept beside it)</source>
        <translation>同じフォルダにある {bak} から戻してください</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>restore it from a backup, or rebuild it with &apos;glacier-gui rebuild-status --force&apos;</source>
        <translation>バックアップから戻すか、「glacier-gui rebuild-status --force」で作り直してください</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{path} is empty (truncated?): {where}</source>
        <translation>{path} が空です（途中で切れた？）: {where}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{path} looks truncated at line {line}: {where}</source>
        <translation>{path} は {line} 行目で途切れているようです: {where}</translation>
    </message>
    <message>
        <location filename="../../glacier_gui/core/thumbs/fill.py" line="+254"/>
        <source>thumbnail pack not sent ({why}); the photos are safe, the next upload sends it</source>
        <translation>サムネイルのパックを送れませんでした（{why}）。写真は無事です。次のアップロードで送ります</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>it has a thumbnail pack (--force makes it again)</source>
        <translation>サムネイルのパックはもうあります（--force で作り直します）</translation>
    </message>
    <message>
        <location filename="../../glacier_gui/core/thumbs/store.py" line="+130"/>
        <source>the thumbnail pack s3://{bucket}/{key} is {size} bytes, more than any pack this app makes ({most}): it was not downloaded (was it replaced by someone else?)</source>
        <translation>サムネイルのパック s3://{bucket}/{key} は {size} バイトあり、このアプリが作るパックの上限（{most}）を超えています。ダウンロードしていません（だれかに置き換えられた可能性があります）</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>the thumbnail pack s3://{bucket}/{key} sent more than the {size} bytes it had a moment ago: it was not kept</source>
        <translation>サムネイルのパック s3://{bucket}/{key} が、直前に確かめた {size} バイトより多く送られてきました。保存していません</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>unit {unit!r} is not in s3://{bucket} under album root {root!r} (no manifest, no thumbnails): check the unit&apos;s name, the album root and the prefix</source>
        <translation>フォルダ {unit!r} は s3://{bucket} のアルバム {root!r} の下にありません（目録もサムネイルもなし）。フォルダ名、アルバムのフォルダ、プレフィックスを確かめてください</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>no thumbnails for this unit ({unit}): run `glacier-gui thumbs --unit {unit}` where the album is</source>
        <translation>このフォルダ（{unit}）のサムネイルがありません。アルバムのあるパソコンで `glacier-gui thumbs --unit {unit}` を実行してください</translation>
    </message>
    <message>
        <location line="+132"/>
        <source>no thumbnail pack (browsing needs one): run `glacier-gui thumbs --unit {unit}` where the album is</source>
        <translation>サムネイルのパックがありません（閲覧に必要です）。アルバムのあるパソコンで `glacier-gui thumbs --unit {unit}` を実行してください</translation>
    </message>
    <message>
        <location filename="../../glacier_gui/core/upload/adopt.py" line="+67"/>
        <source>{remote} bytes in S3, {local} here</source>
        <translation>S3 では {remote} バイト、手元では {local} バイト</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>another modification time in S3 ({remote}, here {local})</source>
        <translation>S3 では更新日時が違います（S3: {remote}、手元: {local}）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the object in S3 carries no modification time: not sent by this app</source>
        <translation>S3 のファイルに更新日時がありません。このアプリが送ったものではありません</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>S3 holds no SHA-256 checksum of the object to compare with</source>
        <translation>S3 には内容を照合するための値（SHA-256）がありません</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>same size and date, different content (S3&apos;s SHA-256 checksum differs)</source>
        <translation>サイズと日時は同じで、内容が違います（S3 の照合値 SHA-256 が違う）</translation>
    </message>
    <message>
        <location filename="../../glacier_gui/core/upload/plan.py" line="+63"/>
        <source>the folder {folder} is gone (moved or deleted after it was marked Upload): nothing was uploaded and no manifest was written; scan again</source>
        <translation>フォルダ {folder} がなくなっています（アップロードの印をつけた後に移動か削除された）。何もアップロードせず、目録も書いていません。もう一度スキャンしてください</translation>
    </message>
    <message>
        <location filename="../../glacier_gui/core/s3/bucket_setup.py" line="+71"/>
        <source>enter a bucket name</source>
        <translation>バケット名を入力してください</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>created bucket {bucket} in {region}</source>
        <translation>{region} にバケット {bucket} を作成しました</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>blocked all public access</source>
        <translation>パブリックアクセスをすべてブロックしました</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>turned on default encryption (SSE-S3)</source>
        <translation>既定の暗号化（SSE-S3）をオンにしました</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>added a rule that aborts incomplete uploads after {days} days</source>
        <translation>途中のアップロードを {days} 日後に中止するルールを追加しました</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>turned on versioning</source>
        <translation>バージョニングをオンにしました</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>turned on Object Lock (governance mode, {years} years)</source>
        <translation>オブジェクトロック（ガバナンスモード、{years} 年）をオンにしました</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>the key may not (s3:PutBucketPolicy)</source>
        <translation>このキーには権限がありません（s3:PutBucketPolicy）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the write-once bucket policy was not set ({why}); docs/security.md shows it</source>
        <translation>上書きを禁止するバケットポリシーは設定できませんでした（{why}）。内容は docs/security.md にあります</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>set a bucket policy that refuses any write that could replace an object</source>
        <translation>既存のファイルを上書きする書き込みをすべて断るバケットポリシーを設定しました</translation>
    </message>
    <message>
        <location line="+73"/>
        <source>bucket name {bucket!r} is already taken by another AWS account (bucket names are shared by everyone): choose another name</source>
        <translation>バケット名 {bucket!r} はすでに別の AWS アカウントが使っています（バケット名は全員で共通です）。別の名前にしてください</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+7"/>
        <source>bucket {bucket!r} already exists in your account: choose it as an existing bucket</source>
        <translation>バケット {bucket!r} はあなたのアカウントにすでにあります。作成済みのバケットとして選んでください</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>bucket name {bucket!r} is already taken by another AWS account: choose another name</source>
        <translation>バケット名 {bucket!r} はすでに別の AWS アカウントが使っています。別の名前にしてください</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>S3 refuses the bucket name {bucket!r}: use 3-63 lower-case letters, digits, &apos;.&apos; and &apos;-&apos;</source>
        <translation>S3 がバケット名 {bucket!r} を受け付けません。英小文字・数字・「.」・「-」で 3〜63 文字にしてください</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>S3 does not accept region {region!r} for a new bucket here: choose another region</source>
        <translation>S3 はここでは新しいバケットのリージョンとして {region!r} を受け付けません。別のリージョンを選んでください</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>this AWS account has reached its limit of buckets: use an existing bucket</source>
        <translation>この AWS アカウントはバケット数の上限に達しています。作成済みのバケットを使ってください</translation>
    </message>
    <message>
        <location filename="../../glacier_gui/core/setting_checks.py" line="+80"/>
        <source>level must be between 1 and 8 (1 = each folder under the root)</source>
        <translation>階層は 1〜8 で指定してください（1 = アルバム直下の各フォルダ）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>bucket {value!r} is not a valid S3 bucket name (3-63 lower-case letters, digits, &apos;.&apos;, &apos;-&apos;)</source>
        <translation>バケット名 {value!r} は S3 のバケット名として使えません（小文字の英字・数字・「.」「-」で 3〜63 文字）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>prefix must use &apos;/&apos; between parts and must not start with &apos;/&apos;</source>
        <translation>プレフィックスは区切りに「/」を使い、「/」で始めないでください</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>the album name in the backup {value!r} must be one folder name (no &apos;/&apos; or &apos;\&apos;, not &apos;.&apos; or &apos;..&apos;)</source>
        <translation>アーカイブ上のアルバム名 {value!r} はフォルダ名ひとつにしてください（「/」「\」は使えません。「.」「..」も使えません）</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>concurrency must be between 1 and 64</source>
        <translation>同時アップロード数は 1〜64 で指定してください</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>part size must be between 5 and 512 MiB</source>
        <translation>分割サイズは 5〜512 MB で指定してください</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>endpoint URL {value!r} must start with http:// or https://</source>
        <translation>エンドポイント URL {value!r} は http:// か https:// で始めてください</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>endpoint URL {value!r} is not a valid URL</source>
        <translation>エンドポイントの URL {value!r} は正しい URL ではありません</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>endpoint URL {value!r} is an AWS host over http://: requests would cross the internet unencrypted; use https:// (or leave the endpoint empty for AWS)</source>
        <translation>エンドポイントの URL {value!r} は AWS のサーバーへの http:// です。通信が暗号化されずにインターネットを通ってしまいます。https:// にしてください（AWS なら空欄のままで大丈夫です）</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>skip patterns are single names (wildcards * ? allowed), not paths: {bad}</source>
        <translation>除外パターンはパスではなく名前だけを指定してください（* ? は使えます）: {bad}</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>pack-below must be between 0 (off) and 512 MiB</source>
        <translation>まとめる大きさは 0（まとめない）〜512 MB で指定してください</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>outage wait must be at most 7 days (168h)</source>
        <translation>ネットワーク待ちの時間は最大 7 日（168h）です</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>bandwidth limit: {reason} (e.g. 4M, or a timetable such as 08:00,1M 23:00,off)</source>
        <translation>帯域制限: {reason}（例: 4M、または「08:00,1M 23:00,off」のような時間割）</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>schedule time {value!r} must be HH:MM, 24-hour (e.g. 02:30)</source>
        <translation>自動バックアップの時刻 {value!r} は 24 時間制の HH:MM で指定してください（例: 02:30）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>schedule day {day!r} is not one of {days}</source>
        <translation>曜日 {day!r} は {days} のいずれかで指定してください</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>the yen rate must be between 0 (off) and {most:,.0f} yen per dollar</source>
        <translation>為替レートは 0（表示しない）〜1 ドルあたり {most:,.0f} 円で指定してください</translation>
    </message>
    <message>
        <location filename="../../glacier_gui/core/s3/errors.py" line="+80"/>
        <source>bucket {bucket!r} does not exist (or is in another account)</source>
        <translation>バケット {bucket!r} がありません（または別の AWS アカウントのものです）</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>no AWS credentials found: set up a profile (aws configure) or choose one in Settings</source>
        <translation>AWS の認証情報が見つかりません。プロファイルを設定する（aws configure）か、設定画面で選んでください</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>cannot reach S3 ({endpoint}): check the network</source>
        <translation>S3 に接続できません（{endpoint}）。ネットワークを確認してください</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>access denied by S3 for bucket {bucket!r}: the IAM policy must allow {action} ({message})</source>
        <translation>バケット {bucket!r} へのアクセスが S3 に拒否されました。IAM ポリシーで {action} を許可してください（{message}）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>access denied by S3 for bucket {bucket!r}: the IAM policy lacks a permission ({message})</source>
        <translation>バケット {bucket!r} へのアクセスが S3 に拒否されました。IAM ポリシーに必要な権限がありません（{message}）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the AWS access key is not valid: check the profile&apos;s credentials</source>
        <translation>AWS のアクセスキーが正しくありません。プロファイルの認証情報を確認してください</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>S3 error {code}: {message}</source>
        <translation>S3 のエラー {code}: {message}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>S3 connection problem: {problem}</source>
        <translation>S3 との通信に問題があります: {problem}</translation>
    </message>
    <message>
        <location filename="../../glacier_gui/core/restore/plan.py" line="+57"/>
        <source>{item!r} is not in the manifest of unit {unit!r}</source>
        <translation>{item!r} はフォルダー {unit!r} の目録にありません</translation>
    </message>
    <message>
        <location line="+24"/>
        <location line="+131"/>
        <source>days to keep the restored copy must be at least 1 (got {days})</source>
        <translation>復元したコピーを残す日数は 1 日以上にしてください（指定: {days}）</translation>
    </message>
    <message>
        <location line="-94"/>
        <source>nothing to restore: the chosen units list no files</source>
        <translation>復元するものがありません: 選んだフォルダーにファイルがありません</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>refused: entry {path!r} of unit {unit!r} points at the same bytes of {key} as {other!r} of unit {other_unit!r}; the manifest in the bucket may have been altered</source>
        <translation>対象外: フォルダ {unit!r} の {path!r} は、フォルダ {other_unit!r} の {other!r} と同じ {key} の中身を指しています。バケットのファイル一覧が書き換えられた可能性があります</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>refused: the tar volume {key} holds {size} bytes, more than any volume this app makes ({most}); it was not written by this app</source>
        <translation>対象外: tar ファイル {key} は {size} バイトあり、このアプリが作る上限（{most}）を超えています。このアプリが書いたものではありません</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>refused: the tar volume {key} holds {size} bytes, its entries need {needed}</source>
        <translation>対象外: tar ファイル {key} は {size} バイトしかありませんが、中のファイルには {needed} バイト必要です</translation>
    </message>
    <message>
        <location line="+77"/>
        <source>tier {tier!r} is not available for Deep Archive; choose {tiers}</source>
        <translation>取り出し方式 {tier!r} は Deep Archive では使えません。{tiers} から選んでください</translation>
    </message>
    <message>
        <location filename="../../glacier_gui/core/restore/job.py" line="+162"/>
        <location line="+10"/>
        <source>this restore job has no file yet</source>
        <translation>この復元ジョブはまだ保存されていません</translation>
    </message>
    <message>
        <location line="+93"/>
        <source>no restore job {job!r} in {folder} (jobs: {known})</source>
        <translation>{folder} に復元ジョブ {job!r} がありません（あるジョブ: {known}）</translation>
    </message>
    <message>
        <location filename="../../glacier_gui/core/restore/rebuild.py" line="+71"/>
        <source>{path} exists; rebuild-status replaces it only with --force (the current file is then kept as status.csv.bak)</source>
        <translation>{path} はすでにあります。置き換えるのは --force を付けたときだけです（今のファイルは status.csv.bak として残ります）</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>rebuild-status: manifest of unit {line}; no row for it</source>
        <translation>一覧の作り直し: フォルダ {line} の記録は使えないため、一覧に入れません</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>bucket {bucket} holds no album backed up by this app (key prefix {prefix!r})</source>
        <translation>バケット {bucket} には、このアプリでバックアップしたアルバムがありません（キーの接頭辞 {prefix!r}）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>bucket {bucket} holds no album named {name!r}; it holds: {held}. Choose one of them as the album name in the backup (rebuild-status --album NAME)</source>
        <translation>バケット {bucket} には {name!r} という名前のアルバムはありません。あるのは {held} です。このどれかを「アーカイブ上のアルバム名」として選んでください（コマンドでは rebuild-status --album 名前）</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>only in the backup: no folder on this computer</source>
        <translation>バックアップにだけあります（このパソコンにはフォルダがありません）</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>the local folder differs from the backup ({new} new or changed, {old} only in the backup)</source>
        <translation>パソコンのフォルダがバックアップと違います（新しいか変わったファイル {new} 個、バックアップにだけあるファイル {old} 個）</translation>
    </message>
    <message>
        <location filename="../../glacier_gui/core/s3/credentials.py" line="+62"/>
        <source>this computer has no keyring to keep the access keys safely: choose an AWS profile instead (put the keys in the AWS credentials file, for example with &apos;aws configure&apos;)</source>
        <translation>このパソコンには、アクセスキーを安全にしまっておく場所（キーリング）がありません。代わりに「AWS コマンドラインのプロファイル」を選んでください（キーは AWS の認証情報ファイルに入れます。たとえば「aws configure」で）</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>both the access key id and the secret access key are needed</source>
        <translation>アクセスキー ID とシークレットアクセスキーの両方が必要です</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the OS credential store refused the keys: {reason}</source>
        <translation>パソコンのキーの保管場所（キーリング）がキーを受け付けませんでした: {reason}</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>the OS credential store cannot be read: {reason}</source>
        <translation>パソコンのキーの保管場所（キーリング）を読めません: {reason}</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>the OS credential store refused to delete the keys: {reason}</source>
        <translation>パソコンのキーの保管場所（キーリング）がキーを削除できませんでした: {reason}</translation>
    </message>
    <message>
        <location filename="../../glacier_gui/core/upload/backup.py" line="+258"/>
        <source>upload did not finish</source>
        <translation>アップロードが終わりませんでした</translation>
    </message>
    <message>
        <location filename="../../glacier_gui/core/homelink/handoff.py" line="+221"/>
        <source>the open window ran the backup: {text}</source>
        <translation>開いているウィンドウがバックアップを実行しました: {text}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the open window ran the backup, which did not finish: {text}</source>
        <translation>開いているウィンドウがバックアップを実行しましたが、最後まで終わりませんでした: {text}</translation>
    </message>
    <message>
        <location filename="../../glacier_gui/core/restore/verify.py" line="+146"/>
        <source>not in the bucket</source>
        <translation>バケットにありません</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the volume has {size} bytes, the file ends at {end}</source>
        <translation>tar ファイルは {size} バイトですが、このファイルは {end} バイト目まであるはずです</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{remote} bytes in S3, {local} in the manifest</source>
        <translation>S3 では {remote} バイト、ファイル一覧では {local} バイトです</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>in {remote}, uploaded as {local}</source>
        <translation>{local} でアップロードしたのに、{remote} になっています</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>S3 holds a {kinds} checksum, not the SHA-256 this app sends: the object was written by something else</source>
        <translation>S3 にあるのは {kinds} の照合値で、このアプリが送る SHA-256 ではありません。このアプリ以外が書いたものです</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>S3 holds no SHA-256 checksum: the object was not written by this app, or was replaced</source>
        <translation>S3 に SHA-256 の照合値がありません。このアプリが書いたものではないか、置き換えられています</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>S3 holds SHA-256 {stored}, the file&apos;s SHA-256 is {file}</source>
        <translation>S3 の SHA-256 は {stored} ですが、ファイルの SHA-256 は {file} です</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>the manifest records no S3 checksum for this object (a tar volume packed by an older version, or a multipart upload): nothing proves its bytes</source>
        <translation>ファイル一覧にこのファイルの S3 の照合値が記録されていません（古い版でまとめた tar ファイルか、分割アップロード）。中身が正しいことを確かめられません</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>S3 holds SHA-256 {stored}, this app sent {sent}</source>
        <translation>S3 の SHA-256 は {stored} ですが、このアプリが送ったのは {sent} です</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>S3 holds {parts} part(s), this app sent {sent}</source>
        <translation>S3 では {parts} 分割ですが、このアプリは {sent} 分割で送りました</translation>
    </message>
    <message>
        <location filename="../../glacier_gui/core/s3/objects.py" line="+111"/>
        <source>s3://{bucket}/{key} is {size} bytes, more than this app ever reads into memory ({most}): not read</source>
        <translation>s3://{bucket}/{key} は {size} バイトあり、このアプリがメモリに読み込む上限（{most}）を超えています。読み込んでいません</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>s3://{bucket}/{key} is larger than it said: not read</source>
        <translation>s3://{bucket}/{key} が申告より大きいため、読み込んでいません</translation>
    </message>
    <message>
        <location filename="../../glacier_gui/core/album/root.py" line="+26"/>
        <source>no permission to read it</source>
        <translation>読む権限がありません</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>it cannot be found</source>
        <translation>見つかりません</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>it is a file, not a folder</source>
        <translation>フォルダではなくファイルです</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the album root {root} cannot be read ({cause}): is the NAS on and the share connected? Nothing was changed</source>
        <translation>アルバムのフォルダ {root} を読めません（{cause}）。NAS の電源が入っていて、共有フォルダにつながっているか確かめてください。何も変更していません</translation>
    </message>
    <message>
        <location filename="../../glacier_gui/core/ledger/cells.py" line="+104"/>
        <source>a spreadsheet may have evaluated {name}</source>
        <translation>表計算ソフトが {name} を数式として計算したようです</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a spreadsheet may have evaluated a name beginning with =, +, - or @ as a formula</source>
        <translation>表計算ソフトが =、+、-、@ で始まる名前を数式として計算したようです</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>a character the file&apos;s encoding cannot hold (an emoji saved as Shift-JIS) became ? in {name}</source>
        <translation>{name} の中の、ファイルの文字コードで表せない文字（Shift-JIS で保存した絵文字など）が ? に変わりました</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>a character the file&apos;s encoding cannot hold (an emoji saved as Shift-JIS) may have become ?</source>
        <translation>ファイルの文字コードで表せない文字（Shift-JIS で保存した絵文字など）が ? に変わったようです</translation>
    </message>
    <message>
        <location filename="../../glacier_gui/core/ledger/status_row.py" line="+216"/>
        <source>{path}, line {line}: the unit &apos;{unit}&apos; matches no folder and no row the app wrote; {cause}. Write the name again as text, or scan again (a scan drops this row); until then it is never uploaded</source>
        <translation>{path} の {line} 行目: 「{unit}」に一致するフォルダも、アプリが書いた行もありません。{cause}。名前を文字として書き直すか、もう一度スキャンしてください（スキャンするとこの行は片づきます）。それまでこの行はアップロードしません</translation>
    </message>
    <message>
        <location filename="../../glacier_gui/core/ledger/generations.py" line="+125"/>
        <source>it chains, but a newer generation follows the same one (two histories)</source>
        <translation>つながってはいますが、同じ版の後に新しい版がもう一つあります（履歴が二つに分かれています）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>it cannot be read</source>
        <translation>読み取れません</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>it is the manifest of another unit ({other})</source>
        <translation>別のフォルダ（{other}）の目録です</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>it calls itself generation {n}, but is stored as generation {seq}</source>
        <translation>中身は第 {n} 版と書かれていますが、第 {seq} 版として保存されています</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>it names no earlier generation, though there are earlier ones</source>
        <translation>前の版があるのに、前の版を指していません</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the generation it follows ({key}) is not in the bucket</source>
        <translation>前の版（{key}）がバケットにありません</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>it follows generation {n}, which does not chain</source>
        <translation>前の版である第 {n} 版がつながっていません</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>generation {n} is not the one it followed (its SHA-256 differs)</source>
        <translation>第 {n} 版が、この版が書かれたときのものと違います（SHA-256 が違う）</translation>
    </message>
    <message>
        <location filename="../../glacier_gui/core/restore/chain.py" line="+83"/>
        <source>the generation in your recovery record ({key}) is missing</source>
        <translation>控えに記録した版（{key}）がバケットにありません</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the generation in your recovery record ({key}) was altered</source>
        <translation>控えに記録した版（{key}）が書き換えられています</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the generation in your recovery record ({key}) is no longer on the unit&apos;s chain</source>
        <translation>控えに記録した版（{key}）が、このフォルダの履歴につながっていません</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{count} generation(s) newer than your recovery record: uploads since you saved it, or forged; if in doubt, restore as of the record&apos;s date (--as-of)</source>
        <translation>控えより新しい版が {count} 個あります。控えを保存した後のアップロードか、偽物です。心配なときは控えの日付の時点で復元してください（--as-of）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the newest generation is the one in your recovery record</source>
        <translation>最新の版は、控えに記録した版です</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>manifest generation {n} ({key}) does not chain: {why}</source>
        <translation>目録の第 {n} 版（{key}）は履歴につながっていません: {why}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>manifest generation {n} ({key}) was altered since this computer wrote it</source>
        <translation>目録の第 {n} 版（{key}）は、このパソコンが書いた後に書き換えられています</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>manifest generation {n} ({key}) was not written by this computer: by another computer of yours, or by someone else with the key</source>
        <translation>目録の第 {n} 版（{key}）はこのパソコンが書いたものではありません。ご家族の別のパソコンか、キーを手に入れた誰かが書いたものです</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>manifest generation {n} ({key}) no longer lists {count} file(s) that generation {m} listed (e.g. {path}): the app never drops a file; restore as of an earlier date (--as-of)</source>
        <translation>目録の第 {n} 版（{key}）には、第 {m} 版にあったファイルが {count} 個ありません（例: {path}）。このアプリがファイルを一覧から外すことはありません。それより前の日付の版で復元してください（--as-of）</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>manifest generation {key}, written by this computer, is missing</source>
        <translation>このパソコンが書いた目録の版 {key} がバケットにありません</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>from this computer, a forged newest generation that follows the chain cannot be told apart from a real one; if the newest date is not an upload of yours, restore as of an earlier date (--as-of)</source>
        <translation>このパソコンからは、履歴にきちんとつながった偽の最新版を本物と見分けられません。最新の日付がご自分のアップロードでなければ、それより前の日付の版で復元してください（--as-of）</translation>
    </message>
    <message>
        <location filename="../../glacier_gui/core/s3/history.py" line="+32"/>
        <source>{size} bytes: too large for a manifest</source>
        <translation>{size} バイト: 目録としては大きすぎます</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>not a manifest of this app ({why})</source>
        <translation>このアプリの目録ではありません（{why}）</translation>
    </message>
    <message>
        <location filename="../../glacier_gui/core/s3/probe.py" line="+71"/>
        <source>unit {unit!r} has no generation of its manifest from {when} or earlier</source>
        <translation>フォルダ {unit!r} には、{when} 以前の目録の版がありません</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>no manifest generation of unit {unit!r} can be trusted: {key}: {why}</source>
        <translation>フォルダ {unit!r} の目録には、信頼できる版がありません: {key}: {why}</translation>
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
        <translation>&lt;h3&gt;{name} {version}&lt;/h3&gt;&lt;p&gt;写真のアルバムを、フォルダごとに Amazon S3 Glacier Deep Archive へバックアップします。記録の一覧ファイル（status.csv）は Excel でも開けます。&lt;/p&gt;&lt;p&gt;設定・ログ・一覧ファイルの場所: &lt;br&gt;&lt;code&gt;{data}&lt;/code&gt;&lt;/p&gt;&lt;p&gt;Python {python}、Qt for Python {qt}。MIT ライセンス。&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>Actions</name>
    <message>
        <location filename="../../glacier_gui/gui/actions.py" line="+63"/>
        <source>&amp;Scan</source>
        <translation>スキャン(&amp;S)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Scan the album and update status.csv</source>
        <translation>アルバムを調べて一覧ファイルを更新します</translation>
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
        <translation>一覧ファイルのフォルダを開く(&amp;O)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Show status.csv in the file manager</source>
        <translation>一覧ファイルのあるフォルダをエクスプローラーで開きます</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Read the folder list again from the backup…</source>
        <translation>バックアップからフォルダの一覧を読み直す(&amp;R)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Replace the list of folders (status.csv) with one read from the backup in the bucket (the current file is kept as .bak)</source>
        <translation>フォルダの一覧ファイルを、バケットのバックアップから読み直したものに置き換えます（今のファイルは .bak として残ります）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;About</source>
        <translation>このアプリについて(&amp;A)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Get my photos back…</source>
        <translation>写真を取り戻す(&amp;G)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How to get the photos back on a new computer, with only the bucket&apos;s name and the key</source>
        <translation>新しいパソコンで、バケットの名前とキーだけから写真を取り戻す方法</translation>
    </message>
    <message>
        <location line="+2"/>
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
        <source>Restore &amp;everything…</source>
        <translation>すべてを復元(&amp;E)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Get the whole album back from S3 (every unit in the bucket): the cost and the time are shown first</source>
        <translation>アルバム全体を S3 から取り戻します（バケットにあるすべてのフォルダ）。先に料金とかかる時間を表示します</translation>
    </message>
    <message>
        <location line="+4"/>
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
        <source>&amp;Browse photos of selected units…</source>
        <translation>選んだフォルダの写真を閲覧(&amp;B)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>See every photo of the selected units as thumbnails, without a restore</source>
        <translation>選んだフォルダの写真をすべてサムネイルで見ます（復元は要りません）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Browse</source>
        <translation>閲覧</translation>
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
    <message>
        <location line="+3"/>
        <source>&amp;Pause</source>
        <translation>一時停止(&amp;P)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Stop sending for now; Resume goes on where it stopped</source>
        <translation>送信をいったん止めます。「再開」で止めたところから続けます</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Bandwidth limit…</source>
        <translation>帯域制限(&amp;B)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How fast uploads may use the internet line; applies at once, also while uploading</source>
        <translation>アップロードにインターネット回線をどこまで使うか。アップロード中でもすぐに反映されます</translation>
    </message>
</context>
<context>
    <name>AlbumChoicePage</name>
    <message>
        <location filename="../../glacier_gui/gui/dialogs/wizard_recovery.py" line="+234"/>
        <source>Which album?</source>
        <translation>どのアルバムですか？</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Your backup holds these albums. Choose the one to get back: its name stays as it is in the backup, whatever your folders are called now.</source>
        <translation>バックアップにはこれらのアルバムがあります。取り戻すアルバムを選んでください。今のフォルダの名前が違っていても、バックアップ上の名前はそのまま使われます。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Album</source>
        <translation>アルバム</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Folders</source>
        <translation>フォルダ</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Files</source>
        <translation>ファイル</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Size</source>
        <translation>サイズ</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Last backup</source>
        <translation>最後のバックアップ</translation>
    </message>
</context>
<context>
    <name>AlbumPage</name>
    <message>
        <location filename="../../glacier_gui/gui/dialogs/wizard_pages.py" line="+179"/>
        <source>Your photo album</source>
        <translation>写真のアルバム</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose the folder that holds your photos and videos, for example the album folder on your NAS.</source>
        <translation>写真や動画が入っているフォルダを選んでください。たとえば NAS にあるアルバムのフォルダです。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose the album folder</source>
        <translation>アルバムのフォルダを選ぶ</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The app backs up the album one folder at a time: each of these &lt;i&gt;backup units&lt;/i&gt; is checked, uploaded and shown as one row. Choose the level of the folders that hold your events:</source>
        <translation>アルバムはフォルダごとにバックアップします。このフォルダ（&lt;i&gt;バックアップ単位&lt;/i&gt;）ごとに確認・アップロードし、一覧の 1 行に表示します。行事ごとのフォルダがある階層を選んでください:</translation>
    </message>
    <message>
        <location line="+13"/>
        <location line="+74"/>
        <source>Level {0}</source>
        <translation>階層 {0}</translation>
    </message>
    <message>
        <location line="-32"/>
        <source>Reading the folder…</source>
        <translation>フォルダを読んでいます…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Choose the folder that holds the album.</source>
        <translation>アルバムが入っているフォルダを選んでください。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>This folder is empty. Is it the right one?</source>
        <translation>このフォルダは空です。正しいフォルダですか？</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The folder can be read.</source>
        <translation>フォルダを読めました。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Level {0}: no folders at this level</source>
        <translation>階層 {0}: この階層にはフォルダがありません</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Level {0}: {1} units, e.g. {2}</source>
        <translation>階層 {0}: {1} フォルダ（例: {2}）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> ({0} of them with files above this level)</source>
        <translation>（うち {0} か所で、この階層より上にファイルがあります）</translation>
    </message>
</context>
<context>
    <name>BackupJobs</name>
    <message>
        <location filename="../../glacier_gui/gui/backup_jobs.py" line="+95"/>
        <source>The job could not finish</source>
        <translation>処理を最後まで終えられませんでした</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Stopping…</source>
        <translation>停止しています…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Scanning {0} (level {1})</source>
        <translation>{0} をスキャンしています（階層 {1}）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Scanning {0}…</source>
        <translation>{0} をスキャンしています…</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Scan finished: {0} units, {1} files, {2} ({3})</source>
        <translation>スキャン完了: {0} フォルダ、{1} ファイル、{2}（{3}）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>status.csv is locked</source>
        <translation>一覧ファイルに書き込めません</translation>
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
        <location line="+15"/>
        <source>Uploading {0} unit(s) to {1}</source>
        <translation>{0} フォルダを {1} にアップロードしています</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Uploading {0} unit(s)…</source>
        <translation>{0} フォルダをアップロードしています…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{0}: synchronized ({1} file(s) sent, {2} already there)</source>
        <translation>{0}: 同期しました（送信 {1} ファイル、すでにあった {2} ファイル）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{0}: not finished: {1}</source>
        <translation>{0}: 終わっていません: {1}</translation>
    </message>
    <message>
        <location line="+11"/>
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
        <source>Read the folder list again from the backup</source>
        <translation>バックアップからフォルダの一覧を読み直す</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Replace {0} with the list of folders read from the backup in bucket {1}?

Folders found in the backup become Synchronized (New or changed if the folder on this computer differs, Archive only if this computer has none); folders never uploaded are added. The current file is kept as {2}.</source>
        <translation>{0} を、バケット {1} のバックアップから読み直したフォルダの一覧に置き換えますか？

バックアップにあるフォルダは「同期済み」になります（このパソコンのフォルダが違えば「新規・変更あり」、このパソコンになければ「アーカイブのみ」）。まだアップロードしていないフォルダも加わります。今のファイルは {2} として残ります。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Rebuild</source>
        <translation>作り直す</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Reading the list of your folders from bucket {0}…</source>
        <translation>バケット {0} からフォルダの一覧を読み込んでいます…</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>The list of your folders was read from the backup: {0} unit(s); {1} synchronized, {2} changed on this computer, {3} only in the backup, {4} never uploaded</source>
        <translation>バックアップからフォルダの一覧を読み込みました: {0} フォルダ（同期済み {1}、このパソコンで変更あり {2}、アーカイブのみ {3}、未アップロード {4}）</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>. The album folder could not be read: scan when it can.</source>
        <translation>。アルバムのフォルダを読めませんでした。読めるようになったらスキャンしてください。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>. To get photos back: select units, then Browse or Restore.</source>
        <translation>。写真を取り戻すには、フォルダを選んで「閲覧」か「復元」を使ってください。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The list of your folders was read from the backup: {0} unit(s).</source>
        <translation>バックアップからフォルダの一覧を読み込みました: {0} フォルダ。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>{0} of {1} · {2}/s · ETA {3} · {4} of {5} units done</source>
        <translation>{0} / {1} · {2}/秒 · 残り {3} · {4} / {5} フォルダ完了</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Scanning: {0} folders, {1} files, {2}</source>
        <translation>スキャン中: {0} フォルダ、{1} ファイル、{2}</translation>
    </message>
</context>
<context>
    <name>BandwidthDialog</name>
    <message>
        <location filename="../../glacier_gui/gui/dialogs/bandwidth_page.py" line="+231"/>
        <source>Upload bandwidth</source>
        <translation>アップロードの帯域制限</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Changes apply at once, also to an upload that is running.</source>
        <translation>変更はすぐに反映されます。実行中のアップロードにも反映されます。</translation>
    </message>
</context>
<context>
    <name>BandwidthPage</name>
    <message>
        <location line="-175"/>
        <source>No limit</source>
        <translation>制限しない</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Limit to</source>
        <translation>上限</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Timetable:</source>
        <translation>スケジュール:</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The same time twice: all day</source>
        <translation>同じ時刻を 2 つ指定すると終日</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>no limit</source>
        <translation>制限なし</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>rclone&apos;s --bwlimit syntax: 4M, 512k, &apos;08:00,1M 23:00,off&apos;, &apos;Mon-08:00,512k Sat-00:00,off&apos;</source>
        <translation>rclone の --bwlimit の書き方: 4M、512k、「08:00,1M 23:00,off」、「Mon-08:00,512k Sat-00:00,off」</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>from</source>
        <translation>時間帯</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>to</source>
        <translation>〜</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>otherwise</source>
        <translation>それ以外の時間</translation>
    </message>
    <message>
        <location line="+28"/>
        <source> MiB/s</source>
        <translation> MB/秒</translation>
    </message>
    <message>
        <location line="+83"/>
        <source>Not a bandwidth limit: {0}</source>
        <translation>帯域制限として読めません: {0}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Uploads use the whole line.</source>
        <translation>アップロードは回線を制限なく使います。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>All uploads together follow this timetable.</source>
        <translation>すべてのアップロードを合わせて、このスケジュールに従います。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>All uploads together stay below this; {0} MiB/s is about {1} Mbit/s of your line.</source>
        <translation>すべてのアップロードを合わせて、この速さまでに抑えます。{0} MB/秒は回線の約 {1} Mbit/秒です。</translation>
    </message>
</context>
<context>
    <name>BrowseModel</name>
    <message>
        <location filename="../../glacier_gui/gui/browse/model.py" line="+192"/>
        <source>{0} × {1} pixels</source>
        <translation>{0} × {1} ピクセル</translation>
    </message>
</context>
<context>
    <name>BrowseWindow</name>
    <message>
        <location filename="../../glacier_gui/gui/browse/window.py" line="+62"/>
        <source>Browse {0}</source>
        <translation>{0} を閲覧</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Browse {0} units</source>
        <translation>{0} フォルダを閲覧</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Search by name, e.g. IMG_0012 or 運動会</source>
        <translation>名前で検索（例: IMG_0012、運動会）</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Newest first</source>
        <translation>新しい順</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Oldest first</source>
        <translation>古い順</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>By name</source>
        <translation>名前順</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+149"/>
        <source>Restore selected photos…</source>
        <translation>選んだ写真を復元…</translation>
    </message>
    <message>
        <location line="-147"/>
        <source>Open the restore dialog with just the selected photos ticked</source>
        <translation>選んだ写真だけにチェックを入れて、復元の画面を開きます</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>Fetching the thumbnails…</source>
        <translation>サムネイルを取得しています…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Fetching the thumbnails of {0} ({1} of {2})…</source>
        <translation>{0} のサムネイルを取得しています（{2} 件中 {1} 件目）…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{0} has no photos or videos to show.</source>
        <translation>{0} には表示できる写真や動画がありません。</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>{0} photo(s) from {1} unit(s)</source>
        <translation>写真 {0} 枚（{1} フォルダ）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{0} match the search</source>
        <translation>検索に一致 {0} 枚</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{0} selected ({1})</source>
        <translation>{0} 枚を選択（{1}）</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Select the photos to restore first.</source>
        <translation>先に復元する写真を選んでください。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Preview</source>
        <translation>プレビュー</translation>
    </message>
</context>
<context>
    <name>BucketChoices</name>
    <message>
        <location filename="../../glacier_gui/gui/dialogs/setup_widgets.py" line="+68"/>
        <source>Keep old versions of replaced or deleted files (versioning)</source>
        <translation>置き換え・削除したファイルの古い版を残す（バージョニング）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Rarely needed: the app never replaces or deletes your photos. With versioning, every old version stays in the bucket and is billed like the photos themselves.</source>
        <translation>ふつうは必要ありません。このアプリが写真を置き換えたり削除したりすることはありません。バージョニングを使うと、古い版がすべてバケットに残り、写真と同じように料金がかかります。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Protect every file for a number of years (S3 Object Lock)</source>
        <translation>すべてのファイルを何年か守る（S3 オブジェクトロック）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source> years</source>
        <translation> 年</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Then nobody can delete a file or an old version for that many years, not even with a key that may do everything else in your AWS account (only a key with the special right to bypass it can). It costs nothing extra, but nothing uploaded can be deleted before the time is up, so every file is paid for that long. It can only be chosen now, when the bucket is created.</source>
        <translation>オンにすると、その年数のあいだは誰もファイルや古い版を削除できません。AWS アカウントでほかのことは何でもできるキーでも削除できません（この保護を外す特別な権限のあるキーだけが削除できます）。追加の料金はかかりませんが、期限までは何も削除できないので、アップロードしたファイルはすべてその期間ぶんの料金がかかります。選べるのはバケットを作る今だけです。</translation>
    </message>
</context>
<context>
    <name>BucketPage</name>
    <message>
        <location filename="../../glacier_gui/gui/dialogs/setup_wizard.py" line="+99"/>
        <source>Your bucket</source>
        <translation>バックアップ先のバケット</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A bucket is the storage space in your AWS account that receives the backup.</source>
        <translation>バケットは、AWS アカウントの中でバックアップを受け取る保管場所です。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Create a new bucket (recommended)</source>
        <translation>新しいバケットを作る（おすすめ）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Use a bucket I already have</source>
        <translation>作成済みのバケットを使う</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Test connection</source>
        <translation>接続テスト</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Copy policy</source>
        <translation>ポリシーをコピー</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The permissions the app needs on this bucket, for the AWS console</source>
        <translation>このバケットでアプリに必要な権限（AWS コンソールに貼り付けます）</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Bucket names are shared by everyone on AWS, so choose something of your own: 3 to 63 lower-case letters, digits and hyphens. The new bucket is private (nobody else can see it), encrypted, clears away unfinished uploads after {0} days, and refuses any upload that would replace a file already in it.</source>
        <translation>バケット名は AWS の利用者全員で共通なので、自分だけの名前にしてください（小文字の英字・数字・ハイフンで 3〜63 文字）。新しいバケットは非公開（ほかの人には見えません）で暗号化され、途中で終わったアップロードは {0} 日後に片付けられます。また、すでにあるファイルを上書きするアップロードは断ります。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Create the bucket</source>
        <translation>バケットを作成</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Creating a bucket needs a key that may create buckets. If AWS refuses, create the bucket in the AWS console and choose it below.</source>
        <translation>バケットを作るには、バケットの作成を許可されたキーが必要です。AWS に断られたときは、AWS コンソールでバケットを作り、下で選んでください。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Name:</source>
        <translation>名前:</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Show my buckets</source>
        <translation>バケットの一覧を表示</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Bucket:</source>
        <translation>バケット:</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>The bucket {0} was made in {1}. Create a new one in {2}, or choose {0} under &quot;Use a bucket I already have&quot; to keep it.</source>
        <translation>バケット {0} は {1} に作成済みです。{2} に新しく作るか、{0} をそのまま使うなら「作成済みのバケットを使う」で選んでください。</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>Creating the bucket {0} in {1}…</source>
        <translation>{1} にバケット {0} を作成しています…</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Asking AWS for your buckets…</source>
        <translation>AWS にバケットの一覧を問い合わせています…</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Your account has {0} bucket(s): choose one.</source>
        <translation>アカウントにバケットが {0} 個あります。1 つ選んでください。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Your account has no bucket yet: create one above.</source>
        <translation>アカウントにはまだバケットがありません。上で作成してください。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Choose or create a bucket first.</source>
        <translation>先にバケットを選ぶか、作成してください。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Testing the connection…</source>
        <translation>接続をテストしています…</translation>
    </message>
</context>
<context>
    <name>CredentialsBox</name>
    <message>
        <location filename="../../glacier_gui/gui/dialogs/setup_widgets.py" line="+148"/>
        <source>AWS profile (from your AWS config)</source>
        <translation>AWS プロファイル（AWS の設定ファイルから）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Access keys kept in the OS keyring</source>
        <translation>OS の資格情報ストアに保存したアクセスキー</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+92"/>
        <source>Access key id</source>
        <translation>アクセスキー ID</translation>
    </message>
    <message>
        <location line="-89"/>
        <location line="+91"/>
        <source>Secret access key</source>
        <translation>シークレットアクセスキー</translation>
    </message>
    <message>
        <location line="-90"/>
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
        <location line="+16"/>
        <source>Credentials:</source>
        <translation>認証情報:</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>enter both the access key id and the secret access key</source>
        <translation>アクセスキー ID とシークレットアクセスキーの両方を入力してください</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>enter the access key id and secret access key to keep in the OS keyring, or choose an AWS profile</source>
        <translation>OS の資格情報ストアに保存するアクセスキー ID とシークレットアクセスキーを入力するか、AWS プロファイルを選んでください</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>stored: {0}</source>
        <translation>保存済み: {0}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>(unchanged)</source>
        <translation>（変更なし）</translation>
    </message>
</context>
<context>
    <name>CredentialsPage</name>
    <message>
        <location filename="../../glacier_gui/gui/dialogs/wizard_pages.py" line="+12"/>
        <source>Your AWS access key</source>
        <translation>AWS のアクセスキー</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The app signs in to Amazon S3 with the access key of an IAM user. Best is a user that may use only your backup bucket.</source>
        <translation>アプリは IAM ユーザーのアクセスキーで Amazon S3 にサインインします。バックアップ用のバケットだけを使えるユーザーにするのがいちばんです。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>A profile of the AWS command line (~/.aws)</source>
        <translation>AWS コマンドラインのプロファイル（~/.aws）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>An access key I type here (kept in {0})</source>
        <translation>ここで入力するアクセスキー（{0} に保存）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No key yet? &lt;a href=&quot;{0}&quot;&gt;How to create an IAM user and its access key&lt;/a&gt; (AWS documentation). Give that user only the permissions in this policy: it can back up and restore, but it can never delete nor replace anything already in the bucket.</source>
        <translation>キーがまだないときは: &lt;a href=&quot;{0}&quot;&gt;IAM ユーザーとアクセスキーの作り方&lt;/a&gt;（AWS のドキュメント）。そのユーザーには、このポリシーの権限だけを与えてください。バックアップと復元はできますが、バケットにすでにあるものを削除したり上書きしたりすることは決してできません。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Copy policy</source>
        <translation>ポリシーをコピー</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Windows Credential Manager</source>
        <translation>Windows 資格情報マネージャー</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the macOS Keychain</source>
        <translation>macOS のキーチェーン</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the system keyring</source>
        <translation>システムのキーリング</translation>
    </message>
</context>
<context>
    <name>DestinationPage</name>
    <message>
        <location filename="../../glacier_gui/gui/dialogs/wizard_recovery.py" line="+55"/>
        <source>Where should restored photos go?</source>
        <translation>取り戻した写真をどこに置きますか？</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Photos you get back are written into this folder. Finish then reads the list of your backed-up folders from the bucket and opens it, ready to browse and restore.</source>
        <translation>取り戻した写真はこのフォルダに書き込まれます。「完了」を押すと、バックアップしたフォルダの一覧をバケットから読み込んで開きます。そのまま閲覧や復元ができます。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Restore into which folder?</source>
        <translation>どのフォルダに復元しますか？</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose the album folder</source>
        <translation>アルバムのフォルダを選ぶ</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Optional. To go on backing up into the same backup, choose the album folder on this computer or your new NAS; it may have another name. Leave it empty if you only want your photos back.</source>
        <translation>省略できます。同じバックアップにこれからもバックアップするときは、このパソコンか新しい NAS のアルバムのフォルダを選んでください（名前が前と違っていてもかまいません）。写真を取り戻すだけなら空欄のままにしてください。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Restore into:</source>
        <translation>復元先:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Album folder:</source>
        <translation>アルバムのフォルダ:</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>{0} (restored)</source>
        <translation>{0}（復元）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Bucket {0} ({1}), album {2}: the list is read from the bucket when you press Finish.</source>
        <translation>バケット {0}（{1}）のアルバム {2}: 「完了」を押すと、バケットから一覧を読み込みます。</translation>
    </message>
</context>
<context>
    <name>FindBackupPage</name>
    <message>
        <location line="-229"/>
        <source>Your backup</source>
        <translation>あなたのバックアップ</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Type the name of the bucket that holds your backup. The app finds where it is kept and which albums it holds by itself.</source>
        <translation>バックアップが入っているバケットの名前を入力してください。保管されている地域と、入っているアルバムはアプリが自分で調べます。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Show my buckets</source>
        <translation>バケットの一覧を表示</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Look in this bucket</source>
        <translation>このバケットを調べる</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Bucket:</source>
        <translation>バケット:</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>Type the bucket&apos;s name first.</source>
        <translation>先にバケットの名前を入力してください。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Looking in the bucket {0}…</source>
        <translation>バケット {0} を調べています…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Asking AWS for your buckets…</source>
        <translation>AWS にバケットの一覧を問い合わせています…</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Your account has {0} bucket(s): choose one.</source>
        <translation>アカウントにバケットが {0} 個あります。1 つ選んでください。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Found: the bucket {0} is kept in {1} and holds {2} album(s): {3}</source>
        <translation>見つかりました: バケット {0} は {1} にあり、アルバムが {2} 個入っています: {3}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The bucket {0} holds no backup made by this app. Is it the right bucket?</source>
        <translation>バケット {0} には、このアプリで作ったバックアップがありません。バケットの名前は合っていますか？</translation>
    </message>
</context>
<context>
    <name>FolderPicker</name>
    <message>
        <location filename="../../glacier_gui/gui/dialogs/setup_widgets.py" line="-194"/>
        <source>Browse…</source>
        <translation>参照…</translation>
    </message>
</context>
<context>
    <name>JobsModel</name>
    <message>
        <location filename="../../glacier_gui/gui/models/jobs_model.py" line="+39"/>
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
        <location line="+89"/>
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
    <name>LinkControl</name>
    <message>
        <location filename="../../glacier_gui/gui/link_control.py" line="+73"/>
        <source>Paused: nothing is sent until you press Resume.</source>
        <translation>一時停止中: 「再開」を押すまで何も送信しません。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Resumed.</source>
        <translation>再開しました。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Resume</source>
        <translation>再開(&amp;R)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Pause</source>
        <translation>一時停止(&amp;P)</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Automatic backup turned off.</source>
        <translation>自動バックアップをオフにしました。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Automatic backup registered in Task Scheduler.</source>
        <translation>自動バックアップをタスク スケジューラに登録しました。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Automatic backup</source>
        <translation>自動バックアップ</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Task Scheduler refused the full task ({0}). A basic task was made instead: it does not start on battery power and does not catch up a time the PC was off.</source>
        <translation>タスク スケジューラが通常のタスクを受け付けませんでした（{0}）。代わりに簡易なタスクを作成しました。バッテリー駆動中は始まらず、パソコンの電源が切れていて逃した回をあとから実行することもありません。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Automatic backup not registered</source>
        <translation>自動バックアップを登録できませんでした</translation>
    </message>
</context>
<context>
    <name>LinkPage</name>
    <message>
        <location filename="../../glacier_gui/gui/dialogs/link_page.py" line="+28"/>
        <source>Keep the computer awake while scanning, uploading or downloading</source>
        <translation>スキャン、アップロード、ダウンロードの間はコンピューターをスリープさせない</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Upload bandwidth</source>
        <translation>アップロードの帯域制限</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Back up automatically</source>
        <translation>自動バックアップ</translation>
    </message>
</context>
<context>
    <name>LinkWords</name>
    <message>
        <location filename="../../glacier_gui/gui/link_status.py" line="+27"/>
        <source>{0}/s</source>
        <translation>{0}/秒</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>under a minute</source>
        <translation>1 分未満</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>about {0} min</source>
        <translation>約 {0} 分</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>at most {0} min</source>
        <translation>最大 {0} 分</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>about {0} h</source>
        <translation>約 {0} 時間</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>at most {0} h</source>
        <translation>最大 {0} 時間</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>about {0} days</source>
        <translation>約 {0} 日</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>at most {0} days</source>
        <translation>最大 {0} 日</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Mon</source>
        <translation>月</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tue</source>
        <translation>火</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wed</source>
        <translation>水</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Thu</source>
        <translation>木</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fri</source>
        <translation>金</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sat</source>
        <translation>土</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sun</source>
        <translation>日</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>no limit until {0}</source>
        <translation>{0} まで制限なし</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>limit {0}</source>
        <translation>帯域制限 {0}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>limit {0} until {1}</source>
        <translation>{1} まで帯域制限 {0}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Paused</source>
        <translation>一時停止中</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>↑ {0}</source>
        <translation>↑ {0}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{0} left at this rate</source>
        <translation>残り{0}（この速さの場合）</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>{0} at {1}</source>
        <translation>{1} で{0}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{0} at the bandwidth timetable</source>
        <translation>帯域制限のスケジュールで{0}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{0} at the bandwidth timetable&apos;s limits</source>
        <translation>帯域制限のスケジュールの上限で{0}</translation>
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
        <location filename="../../glacier_gui/gui/log_pane.py" line="+71"/>
        <source>Log</source>
        <translation>ログ</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../glacier_gui/gui/main_window.py" line="+66"/>
        <source>{0} — demo</source>
        <translation>{0} — デモ</translation>
    </message>
    <message>
        <location line="+62"/>
        <source>&amp;File</source>
        <translation>ファイル(&amp;F)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Restore</source>
        <translation>復元(&amp;R)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;View</source>
        <translation>表示(&amp;V)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Help</source>
        <translation>ヘルプ(&amp;H)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Main</source>
        <translation>メイン</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>Cannot open the folder</source>
        <translation>フォルダを開けません</translation>
    </message>
</context>
<context>
    <name>ModePage</name>
    <message>
        <location filename="../../glacier_gui/gui/dialogs/wizard_recovery.py" line="-144"/>
        <source>Welcome</source>
        <translation>ようこそ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What would you like to do?</source>
        <translation>何をしますか？</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Back up this computer&apos;s photo album</source>
        <translation>このパソコンの写真アルバムをバックアップする</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Get my photos back from an existing backup</source>
        <translation>今あるバックアップから写真を取り戻す</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The first set-up: choose the album folder, the AWS key and a bucket for the backup.</source>
        <translation>はじめての設定です。アルバムのフォルダ、AWS のキー、バックアップ先のバケットを選びます。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>For a new or repaired computer: you need only the bucket&apos;s name and your AWS key. No album folder or NAS is needed to get your photos back.</source>
        <translation>新しいパソコンや修理したパソコンで使います。必要なのはバケットの名前と AWS のキーだけです。写真を取り戻すのに、アルバムのフォルダや NAS はいりません。</translation>
    </message>
</context>
<context>
    <name>PackLoader</name>
    <message>
        <location filename="../../glacier_gui/gui/browse/loader.py" line="+87"/>
        <source>{0} has no thumbnails: it was backed up before thumbnails were made, or it holds no photos or videos.</source>
        <translation>{0} にはサムネイルがありません。サムネイルを作るようになる前にバックアップしたか、写真や動画が入っていません。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The thumbnails of {0} cannot be read: {1}</source>
        <translation>{0} のサムネイルを読めません: {1}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The thumbnails of {0} could not be fetched: {1}</source>
        <translation>{0} のサムネイルを取得できませんでした: {1}</translation>
    </message>
</context>
<context>
    <name>PreviewDialog</name>
    <message>
        <location filename="../../glacier_gui/gui/browse/preview.py" line="+43"/>
        <source>{0} — {1}</source>
        <translation>{0} — {1}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Name:</source>
        <translation>名前:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Date:</source>
        <translation>日時:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Camera:</source>
        <translation>カメラ:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Size:</source>
        <translation>サイズ:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unit:</source>
        <translation>フォルダ:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Folder:</source>
        <translation>サブフォルダ:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Restore this photo…</source>
        <translation>この写真を復元…</translation>
    </message>
    <message>
        <location line="+16"/>
        <location line="+7"/>
        <source>unknown</source>
        <translation>不明</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>{0} (file date: no date taken recorded)</source>
        <translation>{0}（ファイルの日時。撮影日時の記録なし）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{0} × {1} pixels</source>
        <translation>{0} × {1} ピクセル</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The thumbnail in the pack does not decode.</source>
        <translation>パックの中のサムネイルを表示できません。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The larger thumbnail could not be read: {0}</source>
        <translation>大きいサムネイルを読めませんでした: {0}</translation>
    </message>
</context>
<context>
    <name>RecoveryGuideDialog</name>
    <message>
        <location filename="../../glacier_gui/gui/dialogs/recovery_guide.py" line="+24"/>
        <source>Get my photos back</source>
        <translation>写真を取り戻す</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Start: get my photos back…</source>
        <translation>始める: 写真を取り戻す…</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Choose &lt;b&gt;Get my photos back from an existing backup&lt;/b&gt; (this guide&apos;s Start button does it), and type your AWS access key.</source>
        <translation>&lt;b&gt;今あるバックアップから写真を取り戻す&lt;/b&gt;を選び（この案内の「始める」ボタンでも選べます）、AWS のアクセスキーを入力します。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Type the &lt;b&gt;bucket&apos;s name&lt;/b&gt;. The app finds by itself where the bucket is kept and which albums it holds.</source>
        <translation>&lt;b&gt;バケットの名前&lt;/b&gt;を入力します。バケットが保管されている地域と、入っているアルバムはアプリが自分で調べます。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Choose the &lt;b&gt;album&lt;/b&gt; from the list. Its name in the backup stays as it was, even if your folders are called differently now.</source>
        <translation>一覧から&lt;b&gt;アルバム&lt;/b&gt;を選びます。今のフォルダの名前が違っていても、バックアップ上の名前はそのまま使われます。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Choose &lt;b&gt;where restored photos should go&lt;/b&gt;. An album folder is not needed; choose one only to go on backing up into the same backup.</source>
        <translation>&lt;b&gt;取り戻した写真を置くフォルダ&lt;/b&gt;を選びます。アルバムのフォルダはいりません。同じバックアップにこれからもバックアップするときだけ選んでください。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Press Finish: the list of your backed-up folders is read from the bucket. They show as &lt;b&gt;Archive only (not on this PC)&lt;/b&gt;.</source>
        <translation>「完了」を押すと、バックアップしたフォルダの一覧をバケットから読み込みます。フォルダは&lt;b&gt;アーカイブのみ（このパソコンになし）&lt;/b&gt;と表示されます。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Select folders and choose &lt;b&gt;Browse&lt;/b&gt; to see the photos as thumbnails at once (no wait, no cost), or &lt;b&gt;Restore&lt;/b&gt; to get the photos themselves.</source>
        <translation>フォルダを選んで&lt;b&gt;閲覧&lt;/b&gt;を使うと、写真を縮小画像ですぐに見られます（待ち時間も費用もかかりません）。写真そのものを取り戻すには&lt;b&gt;復元&lt;/b&gt;を使います。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Amazon gets the photos ready within 48 hours (Bulk, cheapest) or 12 hours (Standard). The &lt;b&gt;Restore jobs&lt;/b&gt; panel shows when they are ready: press &lt;b&gt;Download&lt;/b&gt;. Each file is checked as it arrives; &lt;b&gt;Verify&lt;/b&gt; checks the whole backup without a restore.</source>
        <translation>Amazon が写真を 48 時間以内（大容量、いちばん安い）か 12 時間以内（標準）に準備します。準備ができると&lt;b&gt;復元ジョブ&lt;/b&gt;に表示されるので、&lt;b&gt;準備できたファイルをダウンロード&lt;/b&gt;を押します。ファイルは届くたびに確かめられます。&lt;b&gt;検証&lt;/b&gt;を使うと、復元しなくてもバックアップ全体を確かめられます。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&lt;h3&gt;Get my photos back on a new computer&lt;/h3&gt;</source>
        <translation>&lt;h3&gt;新しいパソコンで写真を取り戻す&lt;/h3&gt;</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&lt;p&gt;You need only two things: the &lt;b&gt;name of your bucket&lt;/b&gt; and your &lt;b&gt;AWS access key&lt;/b&gt; (access key id and secret access key). The old computer, its settings and the NAS are not needed.&lt;/p&gt;</source>
        <translation>&lt;p&gt;必要なのは 2 つだけです: &lt;b&gt;バケットの名前&lt;/b&gt;と &lt;b&gt;AWS のアクセスキー&lt;/b&gt;（アクセスキー ID とシークレットアクセスキー）。前のパソコンやその設定、NAS はいりません。&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&lt;p&gt;Nothing is deleted or changed in your backup while you do this: the app only reads it and asks Amazon for temporary copies.&lt;/p&gt;</source>
        <translation>&lt;p&gt;この作業でバックアップが消えたり変わったりすることはありません。アプリはバックアップを読み、Amazon に一時的なコピーを頼むだけです。&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>RegionPage</name>
    <message>
        <location filename="../../glacier_gui/gui/dialogs/wizard_pages.py" line="+48"/>
        <source>Where to keep the backup</source>
        <translation>バックアップの保管場所</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Amazon keeps your backup in the region you choose. Prices differ a little; a region close to you uploads a little faster.</source>
        <translation>Amazon は、選んだリージョン（地域）にバックアップを保管します。料金はリージョンごとに少し違います。近いリージョンほど、アップロードが少し速くなります。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Prices are estimates for keeping the photos; uploading and restoring cost a little extra.</source>
        <translation>料金は写真の保管料の目安です。アップロードと復元には別に少し料金がかかります。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Advanced: another region or an S3-compatible service</source>
        <translation>詳細: ほかのリージョン、または S3 互換サービス</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>e.g. ap-southeast-2 (empty: the one chosen above)</source>
        <translation>例: ap-southeast-2（空欄なら上で選んだもの）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>empty for AWS</source>
        <translation>AWS なら空欄</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Other region:</source>
        <translation>ほかのリージョン:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Endpoint URL:</source>
        <translation>エンドポイント URL:</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>N. Virginia, USA</source>
        <translation>米国 バージニア北部</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ohio, USA</source>
        <translation>米国 オハイオ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Oregon, USA</source>
        <translation>米国 オレゴン</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ireland</source>
        <translation>アイルランド</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Frankfurt</source>
        <translation>フランクフルト</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tokyo</source>
        <translation>東京</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Osaka</source>
        <translation>大阪</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{0} ({1})</source>
        <translation>{0}（{1}）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{0} ({1}) — about {2} USD per TB per month</source>
        <translation>{0}（{1}）— 1 TB あたり月 約 {2} ドル</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>{0} is not a region name such as ap-southeast-2</source>
        <translation>{0} はリージョン名ではありません（ap-southeast-2 のような名前です）</translation>
    </message>
</context>
<context>
    <name>RestoreActions</name>
    <message>
        <location filename="../../glacier_gui/gui/restore_actions.py" line="+101"/>
        <source>Select the units to restore first.</source>
        <translation>先に復元するフォルダを選んでください。</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+17"/>
        <location line="+36"/>
        <source>No bucket</source>
        <translation>バケットが未設定です</translation>
    </message>
    <message>
        <location line="-53"/>
        <location line="+17"/>
        <location line="+36"/>
        <source>Choose the bucket in Settings first.</source>
        <translation>先に設定でバケットを選んでください。</translation>
    </message>
    <message>
        <location line="-33"/>
        <source>Listing the backed-up units in the bucket…</source>
        <translation>バケットにあるバックアップ済みのフォルダを調べています…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Restore everything</source>
        <translation>すべてを復元</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>No backed-up unit was found in the bucket.</source>
        <translation>バケットにバックアップ済みのフォルダが見つかりませんでした。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Select the backed-up (Synchronized) units to browse first.</source>
        <translation>先に、閲覧するバックアップ済み（同期済み）のフォルダを選んでください。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{0} unit(s) not backed up yet are left out.</source>
        <translation>まだバックアップしていない {0} フォルダは除きました。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Restore requested: {0} object(s) asked for, {1} already under way or restored, {2} failed. The Restore jobs panel shows when they are ready.</source>
        <translation>復元を依頼しました: 依頼 {0} 件、復元中または復元済み {1} 件、失敗 {2} 件。準備ができたら「復元ジョブ」パネルでわかります。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Restore requested</source>
        <translation>復元を依頼しました</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Amazon is getting {0} file(s) ready. The Restore jobs panel shows when they can be downloaded; you may close the app meanwhile.</source>
        <translation>Amazon が {0} ファイルを準備しています。ダウンロードできるようになると「復元ジョブ」に表示されます。待つ間はアプリを閉じてもかまいません。</translation>
    </message>
    <message>
        <location line="+11"/>
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
        <location line="+1"/>
        <source>Verifying {0} unit(s) in bucket {1}</source>
        <translation>バケット {1} の {0} フォルダを確認しています</translation>
    </message>
    <message>
        <location line="+4"/>
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
        <location filename="../../glacier_gui/gui/dialogs/restore_dialog.py" line="+91"/>
        <source>Restore {0} unit(s)</source>
        <translation>{0} フォルダを復元</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Restore {0} chosen file(s) from {1} unit(s)</source>
        <translation>{1} フォルダから選んだ {0} ファイルを復元</translation>
    </message>
    <message>
        <location line="+33"/>
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
        <location line="+7"/>
        <source>Version of the backup:</source>
        <translation>バックアップの版:</translation>
    </message>
    <message>
        <location line="+1"/>
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
        <location line="+18"/>
        <source>Request restore</source>
        <translation>復元を依頼</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Reading the file lists and asking S3 where the files stand…</source>
        <translation>ファイルの一覧を読み、S3 にファイルの状態を問い合わせています…</translation>
    </message>
    <message>
        <location line="+53"/>
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
        <location line="+46"/>
        <source>&lt;b&gt;{0} file(s), {1}&lt;/b&gt; from {2} unit(s).</source>
        <translation>&lt;b&gt;{0} ファイル、{1}&lt;/b&gt;（{2} フォルダから）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The restore writes {0} into {1}.</source>
        <translation>復元すると {1} に {0} を書き込みます。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{0} object(s) are restored from {1} with the &lt;b&gt;{2}&lt;/b&gt; tier: ready &lt;b&gt;within {3:g} hours&lt;/b&gt;, then kept {4} day(s) to download.</source>
        <translation>{0} 個のファイルを {1} から&lt;b&gt;{2}&lt;/b&gt;で復元します。&lt;b&gt;{3:g} 時間以内&lt;/b&gt;に準備ができ、その後 {4} 日間ダウンロードできます。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>With the {0} tier instead: {1}, ready within {2:g} hours.</source>
        <translation>{0}を選んだ場合: {1}、{2:g} 時間以内に準備できます。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Sending the {0} restore request(s) takes about {1} (h:mm:ss) before the wait starts.</source>
        <translation>{0} 件の復元の依頼を送り終えるまでに約 {1}（時:分:秒）かかります。待ち時間はその後に始まります。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{0} object(s) can be downloaded now or are already being restored.</source>
        <translation>{0} 個のファイルは、すぐダウンロードできるか、すでに復元中です。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Estimated cost: &lt;b&gt;{0}&lt;/b&gt;</source>
        <translation>費用の見込み: &lt;b&gt;{0}&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{0} file(s) restored from {1}</source>
        <translation>{1} から取り出す {0} ファイル</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{0} file(s) downloaded directly</source>
        <translation>そのままダウンロードする {0} ファイル</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{0}: getting them back {1}, requests {2}, restored copy {3}, download {4}</source>
        <translation>{0}: 取り出し {1}、依頼の手数料 {2}、一時コピーの保管 {3}、ダウンロード {4}</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{0} chosen photo(s) are not in the units&apos; file lists and cannot be restored.</source>
        <translation>選んだ写真のうち {0} 枚はフォルダのファイル一覧になく、復元できません。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{0} file(s) are refused and will not be restored:</source>
        <translation>{0} 個のファイルは対象外のため復元しません:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Refused: {0}: {1}</source>
        <translation>対象外: {0}: {1}</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Requesting the restore…</source>
        <translation>復元を依頼しています…</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Close (the requests go on)</source>
        <translation>閉じる（依頼は続きます）</translation>
    </message>
    <message>
        <location line="-22"/>
        <source>Restore: asking for {0} file(s), {1}, kept {2} day(s), into {3}</source>
        <translation>復元: {0} ファイルを依頼します（{1}、{2} 日間保持、復元先 {3}）</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Restore job {0}: {1} file(s) asked for, {2} already under way or restored, {3} failed</source>
        <translation>復元ジョブ {0}: {1} ファイルを依頼、{2} ファイルは準備中か準備済み、失敗 {3}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Restore request failed: {0}</source>
        <translation>復元を依頼できませんでした: {0}</translation>
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
        <location line="+211"/>
        <source>{0} (whole unit, {1} files)</source>
        <translation>{0}（フォルダ全体、{1} ファイル）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{0} (none of {1} files)</source>
        <translation>{0}（{1} ファイル中、選択なし）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{0} ({1} of {2} files)</source>
        <translation>{0}（{2} ファイル中 {1} ファイル）</translation>
    </message>
    <message>
        <location line="+7"/>
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
        <location filename="../../glacier_gui/gui/restore_panel.py" line="+86"/>
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
        <source>Request the rest</source>
        <translation>残りを依頼</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Send the restore requests a job has not sent yet (it was stopped or interrupted), and request again the copies that expired before they were downloaded</source>
        <translation>止めたり中断したりして、まだ送っていない復元の依頼を送ります。ダウンロードする前に期限が切れたコピーも、もう一度依頼します</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Open destination</source>
        <translation>保存先を開く</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>The restored copy of {0} expires {1}, and {2} file(s) are not downloaded yet: press “Download ready files” now.</source>
        <translation>{0} の復元コピーは {1} に期限切れになりますが、まだ {2} ファイルをダウンロードしていません。今すぐ「準備できたファイルをダウンロード」を押してください。</translation>
    </message>
    <message>
        <location line="+39"/>
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
        <location line="+20"/>
        <source>Downloading the ready files of {0} restore job(s)</source>
        <translation>{0} 件の復元ジョブの準備済みファイルをダウンロードしています</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> (replacing files that differ)</source>
        <translation>（内容の違うファイルは置き換えます）</translation>
    </message>
    <message>
        <location line="+2"/>
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
        <translation>失敗したファイルは正しい名前では残していません。バックアップの照合値と合わないファイルは、確認できるように「名前.corrupt」として残しています。
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
        <location line="+11"/>
        <source>Nothing to request: every restore job has sent its requests.</source>
        <translation>依頼するものはありません。どの復元ジョブも依頼を送り終えています。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Sending the rest of the restore requests…</source>
        <translation>残りの復元の依頼を送っています…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{0} restore(s) requested, {1} already under way or restored, {2} failed.</source>
        <translation>{0} 件の復元を依頼しました。{1} 件はすでに復元中か復元済み、{2} 件は失敗しました。</translation>
    </message>
    <message>
        <location line="+20"/>
        <location line="+36"/>
        <source>Restore</source>
        <translation>復元</translation>
    </message>
    <message>
        <location line="-29"/>
        <source>Stopping…</source>
        <translation>停止しています…</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Downloading: {0} of {1}, {2} of {3} file(s)</source>
        <translation>ダウンロード中: {1} 中 {0}、{3} ファイル中 {2} ファイル</translation>
    </message>
</context>
<context>
    <name>SchedulePage</name>
    <message>
        <location filename="../../glacier_gui/gui/dialogs/schedule_page.py" line="+44"/>
        <source>Off</source>
        <translation>オフ</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Daily</source>
        <translation>毎日</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Weekly</source>
        <translation>毎週</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Mon</source>
        <translation>月</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Tue</source>
        <translation>火</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Wed</source>
        <translation>水</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Thu</source>
        <translation>木</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Fri</source>
        <translation>金</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Sat</source>
        <translation>土</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sun</source>
        <translation>日</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Copy</source>
        <translation>コピー</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>at</source>
        <translation>時刻</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>Off: back up with the Upload button.</source>
        <translation>オフ: 「アップロード」ボタンでバックアップします。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Install this yourself (launchd on macOS, &apos;crontab -e&apos; elsewhere); it runs &apos;glacier-gui run&apos;.</source>
        <translation>これを自分で登録してください（macOS は launchd、それ以外は「crontab -e」）。「glacier-gui run」を実行します。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Reading the task from Task Scheduler…</source>
        <translation>タスク スケジューラからタスクを読んでいます…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>No task in Task Scheduler yet: it is made when you press OK.</source>
        <translation>タスク スケジューラにはまだタスクがありません。OK を押すと作成します。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>succeeded</source>
        <translation>成功</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>failed ({0})</source>
        <translation>失敗（{0}）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>running now</source>
        <translation>実行中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>has not run yet</source>
        <translation>まだ実行していません</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>result unknown</source>
        <translation>結果不明</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Task Scheduler: last run {0} {1}; next run {2}.</source>
        <translation>タスク スケジューラ: 前回の実行 {0} {1}、次回の実行 {2}。</translation>
    </message>
</context>
<context>
    <name>ScheduledRuns</name>
    <message>
        <location filename="../../glacier_gui/gui/scheduled_run.py" line="+70"/>
        <source>Task Scheduler started the scheduled backup while this window is open: it runs here</source>
        <translation>このウィンドウを開いている間に、予定していた自動バックアップの時刻になりました。このウィンドウで実行します</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Scheduled backup: scanning…</source>
        <translation>自動バックアップ: スキャンしています…</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>scan finished; no folder is marked for upload</source>
        <translation>スキャンしました。アップロードするフォルダはありません</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{0} of {1} unit(s) synchronized</source>
        <translation>{1} フォルダ中 {0} フォルダを同期しました</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Scheduled backup finished: {0}</source>
        <translation>自動バックアップが終わりました: {0}</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Scheduled backup did not finish: {0}</source>
        <translation>自動バックアップは最後まで終わりませんでした: {0}</translation>
    </message>
</context>
<context>
    <name>Session</name>
    <message>
        <location filename="../../glacier_gui/gui/session.py" line="+76"/>
        <source>status.csv is locked</source>
        <translation>一覧ファイルに書き込めません</translation>
    </message>
    <message>
        <location line="+62"/>
        <source>status.csv cannot be read</source>
        <translation>一覧ファイルを読めません</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Settings not saved</source>
        <translation>設定を保存できませんでした</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Settings saved in {0}</source>
        <translation>設定を {0} に保存しました</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../glacier_gui/gui/dialogs/settings_dialog.py" line="+69"/>
        <source>Settings</source>
        <translation>設定</translation>
    </message>
    <message>
        <location line="+40"/>
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
        <source>Album name in the backup:</source>
        <translation>アーカイブ上のアルバム名:</translation>
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
        <location line="+18"/>
        <source>empty for AWS</source>
        <translation>AWS なら空欄</translation>
    </message>
    <message>
        <location line="+15"/>
        <source> KiB</source>
        <translation> KB 未満</translation>
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
        <location line="+3"/>
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
        <translation>保管の種類:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Concurrency:</source>
        <translation>同時送信数:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Download concurrency:</source>
        <translation>同時ダウンロード数:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pack files smaller than:</source>
        <translation>小さいファイルをまとめる:</translation>
    </message>
    <message>
        <location line="+38"/>
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
        <location line="-131"/>
        <source>Choose the album root</source>
        <translation>アルバムのフォルダを選ぶ</translation>
    </message>
    <message>
        <location line="+222"/>
        <source>counting units…</source>
        <translation>フォルダを数えています…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Choose the folder that holds the album.</source>
        <translation>アルバムが入っているフォルダを選んでください。</translation>
    </message>
    <message>
        <location line="+11"/>
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
        <location line="+28"/>
        <source>testing…</source>
        <translation>テストしています…</translation>
    </message>
</context>
<context>
    <name>SetupWizard</name>
    <message>
        <location filename="../../glacier_gui/gui/dialogs/setup_wizard.py" line="+29"/>
        <source>Set up {0}</source>
        <translation>{0} のセットアップ</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>level {0}</source>
        <translation>階層 {0}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>level {0}: {1} units, e.g. {2}</source>
        <translation>階層 {0}: {1} フォルダ（例: {2}）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Album folder</source>
        <translation>アルバムのフォルダ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Backup units</source>
        <translation>バックアップ単位</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>AWS key</source>
        <translation>AWS のキー</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Region</source>
        <translation>リージョン</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bucket</source>
        <translation>バケット</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Connection test</source>
        <translation>接続テスト</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Settings file</source>
        <translation>設定ファイル</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Endpoint URL</source>
        <translation>エンドポイント URL</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>access key {0}, kept in {1}</source>
        <translation>アクセスキー {0}（{1} に保存）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>AWS profile {0}</source>
        <translation>AWS プロファイル {0}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the AWS command line&apos;s default sign-in</source>
        <translation>AWS コマンドラインの既定のサインイン</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>not run (you can run it later in Settings)</source>
        <translation>未実行（あとで「設定」から実行できます）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>passed</source>
        <translation>成功</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>The settings could not be saved (the message says why).</source>
        <translation>設定を保存できませんでした（理由はメッセージをご覧ください）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Set-up saved: album {0} in bucket {1} ({2})</source>
        <translation>設定を保存しました: バケット {1}（{2}）のアルバム {0}</translation>
    </message>
</context>
<context>
    <name>StatusBoard</name>
    <message>
        <location filename="../../glacier_gui/gui/status_board.py" line="+124"/>
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
        <location line="+28"/>
        <source>Read-only: {0}. Scan, Upload and the Upload ticks are off until then.</source>
        <translation>読み取り専用: {0}。それまではスキャン・アップロード・「アップロード」欄のチェックは使えません。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The album could not be read, so no folder was marked missing and nothing changed: {0}</source>
        <translation>アルバムを読めなかったため、どのフォルダも「フォルダなし」にせず、何も変更していません: {0}</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Select one or more rows first.</source>
        <translation>先に 1 行以上選んでください。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{0} unit(s) marked for upload</source>
        <translation>{0} フォルダにアップロードの印をつけました</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>{0} units · {1} synchronized · {2} need checking · {3} marked · {4} on this PC</source>
        <translation>{0} フォルダ · 同期済み {1} · 要確認 {2} · アップロード予定 {3} · このパソコンに {4}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source> · {0} only in the backup ({1})</source>
        <translation> · アーカイブのみ {0}（{1}）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source> · the marked units take {0}</source>
        <translation> · 印をつけたフォルダの所要時間: {0}</translation>
    </message>
    <message>
        <location line="+23"/>
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
        <translation>S3 上の場所</translation>
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
        <location line="+93"/>
        <source>Tick to upload this unit on the next Upload marked</source>
        <translation>チェックすると、次の「印をつけたものをアップロード」でこのフォルダをアップロードします</translation>
    </message>
    <message>
        <location line="+116"/>
        <source>In the backup; this computer has no folder for this unit</source>
        <translation>バックアップにある数です。このパソコンにはこのフォルダがありません</translation>
    </message>
    <message>
        <location line="+7"/>
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
    <name>SummaryPage</name>
    <message>
        <location filename="../../glacier_gui/gui/dialogs/wizard_summary.py" line="+22"/>
        <source>Ready to go</source>
        <translation>準備ができました</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Finish saves these settings. You can change them any time in Settings.</source>
        <translation>「完了」を押すと、この設定を保存します。設定はあとでいつでも「設定」から変更できます。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Start the first scan now (it only reads the album; nothing is uploaded until you choose)</source>
        <translation>最初のスキャンをすぐに始める（アルバムを読むだけで、指示するまで何もアップロードしません）</translation>
    </message>
</context>
<context>
    <name>Texts</name>
    <message>
        <location filename="../../glacier_gui/gui/texts.py" line="+30"/>
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
        <translation>内容が合わない</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>wrong storage class</source>
        <translation>保管の種類が違う</translation>
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
        <source>Archive only (not on this PC)</source>
        <translation>アーカイブのみ（このパソコンになし）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{0} ({1} in status.csv)</source>
        <translation>{0}（一覧ファイルでの名前: {1}）</translation>
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

詳しくはログにあります。一覧ファイルは無事です。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Saved settings cannot be read</source>
        <translation>保存した設定を読めません</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>{0} (about ¥{1})</source>
        <translation>{0}（約 {1} 円）</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Requesting restores: {0} of {1}, time left {2}</source>
        <translation>復元を依頼しています: {1} 件中 {0} 件、残り {2}</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Copied the policy for the bucket {0}.</source>
        <translation>バケット {0} 用のポリシーをコピーしました。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copied. Replace {0} with the name of your bucket (you choose it two pages on).</source>
        <translation>コピーしました。{0} をバケット名に置き換えてください（バケットは 2 ページ先で選びます）。</translation>
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
        <translation>S3 上のファイル数:</translation>
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
        <translation>{0}（データ {1} + ファイルごとの管理分 {2}）。年に {3}</translation>
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
        <location line="+8"/>
        <source>Thumbnails for browsing:</source>
        <translation>閲覧用サムネイル:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{0} photos, {1} in {2}: {3} per month + {4} once (not in the figures above)</source>
        <translation>写真 {0} 枚、{1}（{2}）: 毎月 {3} ＋ 初回 {4}（上の金額とは別）</translation>
    </message>
    <message>
        <location line="+17"/>
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
        <location line="+6"/>
        <source>manifest history</source>
        <translation>目録の履歴</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{0} problem(s): {1}</source>
        <translation>問題 {0} 件: {1}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>OK: every file is there, sizes, storage class and checksums match</source>
        <translation>OK: すべてのファイルがあり、サイズ・保管の種類・内容も一致</translation>
    </message>
    <message>
        <location line="+11"/>
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
        <translation>{0} フォルダを確かめました: すべて S3 に欠けずにあり、保管の種類も正しいです。</translation>
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
        <translation>S3 上のファイル数</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Result</source>
        <translation>結果</translation>
    </message>
</context>
<context>
    <name>VersionChoice</name>
    <message>
        <location filename="../../glacier_gui/gui/dialogs/restore_version.py" line="+25"/>
        <source>The newest</source>
        <translation>最新</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Each upload that changed a unit is kept as a version of its file list. Choose an earlier one to get the files back as they were then (for example if the newest was not made by you).</source>
        <translation>フォルダの中身が変わるたびに、アップロードしたファイルの一覧を版として残しています。前の版を選ぶと、そのときの状態でファイルを取り戻せます（たとえば最新の版がご自分で作ったものでないとき）。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>As it was on {0}</source>
        <translation>{0} の時点の状態</translation>
    </message>
</context>
<context>
    <name>WelcomePanel</name>
    <message>
        <location filename="../../glacier_gui/gui/welcome.py" line="+23"/>
        <source>&lt;h3&gt;Nothing in the list yet&lt;/h3&gt;</source>
        <translation>&lt;h3&gt;一覧はまだ空です&lt;/h3&gt;</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Back up this computer&apos;s photo album…</source>
        <translation>このパソコンの写真アルバムをバックアップする…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Choose the album folder; the app lists its folders, then uploads them.</source>
        <translation>アルバムのフォルダを選びます。アプリがフォルダを一覧にしてから、アップロードします。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Get my photos back from an existing backup…</source>
        <translation>今あるバックアップから写真を取り戻す…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A new or repaired computer: you need only the bucket&apos;s name and your AWS key.</source>
        <translation>新しいパソコンや修理したパソコンで。必要なのはバケットの名前と AWS のキーだけです。</translation>
    </message>
</context>
</TS>
