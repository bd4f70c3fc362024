; Inno Setup script: a per-user installer for the one-folder bundle that build_spec/build.py makes.
;
; Why an installer and not the zip: a family user double-clicks one file, gets a Start menu entry (and, if they
; want, a desktop icon), and can remove the app from Windows' "Apps" list. No admin rights are needed: the app
; goes to the user's own Programs folder. Uninstalling keeps the user's data folder (settings, status.csv, restore
; jobs, logs) unless they say yes to removing it: losing status.csv means losing the record of what is backed up.
; Saying yes also removes the AWS keys the app kept in Windows' Credential Manager; a silent uninstall keeps
; everything unless given /REMOVEDATA=yes (the workflow tests both).  Uninstalling always removes the scheduled
; backup task (else Task Scheduler would go on starting a deleted exe), and an upgrade first deletes the old
; {app}\_internal (else Qt would still load plugins the new version no longer ships).
;
; Built by .github/workflows/windows.yml:
;   iscc /DAppVersion=0.1.0 /DDistDir=..\dist\GlacierGUI /DOutputDir=..\dist build_spec\installer.iss

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#ifndef DistDir
  #define DistDir "..\dist\GlacierGUI"
#endif
#ifndef OutputDir
  #define OutputDir "..\dist"
#endif

#define AppName "Glacier GUI"
#define GuiExe "GlacierGUI.exe"
; platformdirs.user_data_dir("glacier_gui", appauthor=False, roaming=True) on Windows
#define DataDirName "glacier_gui"
; core/homelink/schedule.py DEFAULT_TASK_NAME
#define TaskName "glacier_gui backup"
; The Credential Manager targets python-keyring's Windows backend writes for core/s3/credentials.py
; (service KEYRING_SERVICE, entries _ID_ENTRY and _SECRET_ENTRY): the service itself, and <entry>@<service> for
; an entry moved aside when the other one was stored.  tests/test_installer_script.py keeps them in step.
#define KeyringTargets "glacier_gui|aws_access_key_id@glacier_gui|aws_secret_access_key@glacier_gui"

[Setup]
AppId={{6C1E4A52-3F0B-4C8E-9B7D-2A5E1F3C9D40}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=glacier_gui
DefaultDirName={autopf}\GlacierGUI
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
; Per-user: no UAC prompt; {autopf} and {autoprograms} then mean the user's own folders.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
OutputDir={#OutputDir}
OutputBaseFilename=GlacierGUI-{#AppVersion}-setup
SetupIconFile=..\resources\icon.ico
UninstallDisplayIcon={app}\{#GuiExe}
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
ShowLanguageDialog=auto

[Languages]
Name: "japanese"; MessagesFile: "compiler:Languages\Japanese.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
japanese.RemoveData=設定とバックアップの記録（status.csv、復元ジョブ、ログ）、Windows に保存した AWS のキーも削除しますか？%n%n「いいえ」を選ぶと残ります。再インストールすれば、そのまま続きから使えます。
english.RemoveData=Also delete your settings, backup records (status.csv, restore jobs, logs) and the AWS keys kept in Windows?%n%nChoose No to keep them: a reinstall then carries on where you left off.
japanese.LaunchApp=Glacier GUI を起動する
english.LaunchApp=Start Glacier GUI

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; An upgrade replaces the whole bundle: files the new version no longer ships (Qt plugins above all) must go.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#DistDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#GuiExe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#GuiExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#GuiExe}"; Description: "{cm:LaunchApp}"; Flags: nowait postinstall skipifsilent

[UninstallRun]
; The scheduled backup task would go on starting a deleted exe; no task is fine (schtasks then fails, hidden).
Filename: "{sys}\schtasks.exe"; Parameters: "/Delete /TN ""{#TaskName}"" /F"; Flags: runhidden waituntilterminated; RunOnceId: "DeleteTask"

[Code]
// The AWS keys the app kept in Credential Manager: each target of KeyringTargets, through cmdkey (hidden).
procedure DeleteStoredKeys();
var
  Targets, Target: String;
  Split, ResultCode: Integer;
begin
  Targets := '{#KeyringTargets}' + '|';
  while Length(Targets) > 0 do
  begin
    Split := Pos('|', Targets);
    Target := Copy(Targets, 1, Split - 1);
    Delete(Targets, 1, Split);
    if Target <> '' then
    begin
      // cmdkey takes a generic credential by its target name; the form cmdkey /list prints is tried too.
      Exec(ExpandConstant('{sys}\cmdkey.exe'), '/delete:' + Target, '', SW_HIDE, ewWaitUntilTerminated, ResultCode);
      Exec(ExpandConstant('{sys}\cmdkey.exe'), '/delete:LegacyGeneric:target=' + Target, '', SW_HIDE,
        ewWaitUntilTerminated, ResultCode);
    end;
  end;
end;

// /REMOVEDATA=yes on the uninstaller's command line: a silent uninstall that also removes the data and the keys.
function RemoveDataRequested(): Boolean;
var
  I: Integer;
begin
  Result := False;
  for I := 1 to ParamCount do
    if CompareText(ParamStr(I), '/REMOVEDATA=yes') = 0 then
      Result := True;
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
var
  DataDir: String;
  Remove: Boolean;
begin
  if CurUninstallStep = usPostUninstall then
  begin
    DataDir := ExpandConstant('{userappdata}\{#DataDirName}');
    // Silent uninstalls keep the data (IDNO is the answer when no one can be asked), unless /REMOVEDATA=yes.
    Remove := False;
    if UninstallSilent then
      Remove := RemoveDataRequested()
    else if DirExists(DataDir) then
      Remove := SuppressibleMsgBox(CustomMessage('RemoveData'), mbConfirmation, MB_YESNO or MB_DEFBUTTON2, IDNO) = IDYES;
    if Remove then
    begin
      if DirExists(DataDir) then
        DelTree(DataDir, True, True, True);
      DeleteStoredKeys();
    end;
  end;
end;
