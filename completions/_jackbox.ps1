
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'jackbox' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'jackbox'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'jackbox' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file [default: per platform; `jackbox db path` prints it]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('session', 'session', [CompletionResultType]::ParameterValue, 'Game nights: list, show, create, close, delete, export')
            [CompletionResult]::new('game', 'game', [CompletionResultType]::ParameterValue, 'Games of a session: add, list, status, room code, player count, monitor')
            [CompletionResult]::new('chat', 'chat', [CompletionResultType]::ParameterValue, 'Import a chat log and count its votes')
            [CompletionResult]::new('vote', 'vote', [CompletionResultType]::ParameterValue, 'Record one live vote for the game being played')
            [CompletionResult]::new('votes', 'votes', [CompletionResultType]::ParameterValue, 'Vote history and per-game totals')
            [CompletionResult]::new('pick', 'pick', [CompletionResultType]::ParameterValue, 'Pick a game to play next (weighted random)')
            [CompletionResult]::new('poll', 'poll', [CompletionResultType]::ParameterValue, 'Chat polls: open one, record votes, show, close (the winner is lined up), cancel')
            [CompletionResult]::new('catalog', 'catalog', [CompletionResultType]::ParameterValue, 'The games catalog: list, show, add, edit, remove, enable, favor, packs, CSV')
            [CompletionResult]::new('webhook', 'webhook', [CompletionResultType]::ParameterValue, 'Webhooks: register receivers, test, read logs, flush pending deliveries')
            [CompletionResult]::new('auth', 'auth', [CompletionResultType]::ParameterValue, 'Admins, the admin key and API tokens')
            [CompletionResult]::new('audit', 'audit', [CompletionResultType]::ParameterValue, 'The audit log: who changed what, newest first')
            [CompletionResult]::new('db', 'db', [CompletionResultType]::ParameterValue, 'The database file: where it is, backup, restore, integrity check')
            [CompletionResult]::new('stats', 'stats', [CompletionResultType]::ParameterValue, 'Totals and rankings')
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Run the HTTP + WebSocket daemon')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'jackbox;session' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file [default: per platform; `jackbox db path` prints it]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List all sessions, newest first, with the number of games played')
            [CompletionResult]::new('active', 'active', [CompletionResultType]::ParameterValue, 'Show the active session (prints "No active session" when there is none)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one session')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Start a game night (only one session can be active at a time)')
            [CompletionResult]::new('close', 'close', [CompletionResultType]::ParameterValue, 'Close a session: its playing game becomes played, its room monitors stop')
            [CompletionResult]::new('reopen', 'reopen', [CompletionResultType]::ParameterValue, 'Reopen a closed session (undo a close); refused while another session is active')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a closed session with its games, chat log and votes')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Export a session as a TXT report or a JSON document (stdout by default), or every session into a folder (--all)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'jackbox;session;list' {
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Only sessions started on or after DATE (2026-03-15, or a full ISO time), or with an ID of at least ID')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Show at most N sessions')
            [CompletionResult]::new('--offset', '--offset', [CompletionResultType]::ParameterName, 'Skip the first N sessions (with --limit, to page through a long history)')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file [default: per platform; `jackbox db path` prints it]')
            [CompletionResult]::new('--closed', '--closed', [CompletionResultType]::ParameterName, 'Only closed sessions')
            [CompletionResult]::new('--active', '--active', [CompletionResultType]::ParameterName, 'Only the active session')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'jackbox;session;active' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file [default: per platform; `jackbox db path` prints it]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'jackbox;session;show' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file [default: per platform; `jackbox db path` prints it]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'jackbox;session;create' {
            [CompletionResult]::new('--notes', '--notes', [CompletionResultType]::ParameterName, 'Notes, e.g. "Friday game night"')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file [default: per platform; `jackbox db path` prints it]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'jackbox;session;close' {
            [CompletionResult]::new('--notes', '--notes', [CompletionResultType]::ParameterName, 'Replace the session''s notes (kept as they are when not given)')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file [default: per platform; `jackbox db path` prints it]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'jackbox;session;reopen' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file [default: per platform; `jackbox db path` prints it]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'jackbox;session;delete' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file [default: per platform; `jackbox db path` prints it]')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'jackbox;session;export' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'txt (a readable report) or json [default: txt; json with --json, except with --all]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write to FILE instead of stdout (`-` is stdout)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Write to FILE instead of stdout (`-` is stdout)')
            [CompletionResult]::new('--dir', '--dir', [CompletionResultType]::ParameterName, 'The folder --all writes into (created when missing)')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'With --all: only sessions started on or after DATE (2026-03-15, or a full ISO time), or with an ID of at least ID')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file [default: per platform; `jackbox db path` prints it]')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Export every session (or those --since / --closed-only select) into --dir, one file per session, rewriting only the files whose session changed')
            [CompletionResult]::new('--closed-only', '--closed-only', [CompletionResultType]::ParameterName, 'With --all: only closed sessions (the active one still changes)')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'With --all: rewrite every file, even those whose session has not changed')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'jackbox;session;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List all sessions, newest first, with the number of games played')
            [CompletionResult]::new('active', 'active', [CompletionResultType]::ParameterValue, 'Show the active session (prints "No active session" when there is none)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one session')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Start a game night (only one session can be active at a time)')
            [CompletionResult]::new('close', 'close', [CompletionResultType]::ParameterValue, 'Close a session: its playing game becomes played, its room monitors stop')
            [CompletionResult]::new('reopen', 'reopen', [CompletionResultType]::ParameterValue, 'Reopen a closed session (undo a close); refused while another session is active')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a closed session with its games, chat log and votes')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Export a session as a TXT report or a JSON document (stdout by default), or every session into a folder (--all)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'jackbox;session;help;list' {
            break
        }
        'jackbox;session;help;active' {
            break
        }
        'jackbox;session;help;show' {
            break
        }
        'jackbox;session;help;create' {
            break
        }
        'jackbox;session;help;close' {
            break
        }
        'jackbox;session;help;reopen' {
            break
        }
        'jackbox;session;help;delete' {
            break
        }
        'jackbox;session;help;export' {
            break
        }
        'jackbox;session;help;help' {
            break
        }
        'jackbox;game' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file [default: per platform; `jackbox db path` prints it]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a game to a session (default: the active one); it becomes the one playing')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the games of a session (default: the active one)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one session game')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Set a status: playing, played or skipped')
            [CompletionResult]::new('room-code', 'room-code', [CompletionResultType]::ParameterValue, 'Set the room code (restarts a running room monitor on the new code)')
            [CompletionResult]::new('player-count', 'player-count', [CompletionResultType]::ParameterValue, 'Set the player count by hand')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a game from its session (its play count goes down by one)')
            [CompletionResult]::new('select', 'select', [CompletionResultType]::ParameterValue, 'Line a game up next in a session (the session''s selection)')
            [CompletionResult]::new('dismiss', 'dismiss', [CompletionResultType]::ParameterValue, 'Clear the session''s selection')
            [CompletionResult]::new('selection', 'selection', [CompletionResultType]::ParameterValue, 'Show the game lined up next in a session')
            [CompletionResult]::new('monitor', 'monitor', [CompletionResultType]::ParameterValue, 'Start or stop watching the game''s Jackbox room for players')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'jackbox;game;add' {
            [CompletionResult]::new('--session', '--session', [CompletionResultType]::ParameterName, 'Session ID [default: the active session]')
            [CompletionResult]::new('--room-code', '--room-code', [CompletionResultType]::ParameterName, 'The room code (exactly 4 characters A-Z, 0-9); starts the room monitor')
            [CompletionResult]::new('--ecast-url', '--ecast-url', [CompletionResultType]::ParameterName, 'Jackbox''s lobby server [default: https://ecast.jackboxgames.com]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file [default: per platform; `jackbox db path` prints it]')
            [CompletionResult]::new('--manual', '--manual', [CompletionResultType]::ParameterName, 'Mark the game as added by hand (manually_added = 1)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'jackbox;game;list' {
            [CompletionResult]::new('--session', '--session', [CompletionResultType]::ParameterName, 'Session ID [default: the active session]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file [default: per platform; `jackbox db path` prints it]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'jackbox;game;show' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file [default: per platform; `jackbox db path` prints it]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'jackbox;game;status' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file [default: per platform; `jackbox db path` prints it]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'jackbox;game;room-code' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file [default: per platform; `jackbox db path` prints it]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'jackbox;game;player-count' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file [default: per platform; `jackbox db path` prints it]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'jackbox;game;remove' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file [default: per platform; `jackbox db path` prints it]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'jackbox;game;select' {
            [CompletionResult]::new('--session', '--session', [CompletionResultType]::ParameterName, 'Session ID [default: the active session]')
            [CompletionResult]::new('--source', '--source', [CompletionResultType]::ParameterName, 'Where the choice came from: manual (default), dice or poll')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file [default: per platform; `jackbox db path` prints it]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'jackbox;game;dismiss' {
            [CompletionResult]::new('--session', '--session', [CompletionResultType]::ParameterName, 'Session ID [default: the active session]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file [default: per platform; `jackbox db path` prints it]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'jackbox;game;selection' {
            [CompletionResult]::new('--session', '--session', [CompletionResultType]::ParameterName, 'Session ID [default: the active session]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file [default: per platform; `jackbox db path` prints it]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'jackbox;game;monitor' {
            [CompletionResult]::new('--ecast-url', '--ecast-url', [CompletionResultType]::ParameterName, 'Jackbox''s lobby server [default: https://ecast.jackboxgames.com]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file [default: per platform; `jackbox db path` prints it]')
            [CompletionResult]::new('--foreground', '--foreground', [CompletionResultType]::ParameterName, 'Run the monitor in this terminal, printing each event, until the game ends')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'jackbox;game;help' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a game to a session (default: the active one); it becomes the one playing')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the games of a session (default: the active one)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one session game')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Set a status: playing, played or skipped')
            [CompletionResult]::new('room-code', 'room-code', [CompletionResultType]::ParameterValue, 'Set the room code (restarts a running room monitor on the new code)')
            [CompletionResult]::new('player-count', 'player-count', [CompletionResultType]::ParameterValue, 'Set the player count by hand')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a game from its session (its play count goes down by one)')
            [CompletionResult]::new('select', 'select', [CompletionResultType]::ParameterValue, 'Line a game up next in a session (the session''s selection)')
            [CompletionResult]::new('dismiss', 'dismiss', [CompletionResultType]::ParameterValue, 'Clear the session''s selection')
            [CompletionResult]::new('selection', 'selection', [CompletionResultType]::ParameterValue, 'Show the game lined up next in a session')
            [CompletionResult]::new('monitor', 'monitor', [CompletionResultType]::ParameterValue, 'Start or stop watching the game''s Jackbox room for players')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'jackbox;game;help;add' {
            break
        }
        'jackbox;game;help;list' {
            break
        }
        'jackbox;game;help;show' {
            break
        }
        'jackbox;game;help;status' {
            break
        }
        'jackbox;game;help;room-code' {
            break
        }
        'jackbox;game;help;player-count' {
            break
        }
        'jackbox;game;help;remove' {
            break
        }
        'jackbox;game;help;select' {
            break
        }
        'jackbox;game;help;dismiss' {
            break
        }
        'jackbox;game;help;selection' {
            break
        }
        'jackbox;game;help;monitor' {
            break
        }
        'jackbox;game;help;help' {
            break
        }
        'jackbox;chat' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file [default: per platform; `jackbox db path` prints it]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Import a chat log (FILE, or - for stdin) and count its votes')
            [CompletionResult]::new('follow', 'follow', [CompletionResultType]::ParameterValue, 'Follow a chat client''s live log as it is written and count its votes (no daemon needed; runs until interrupted)')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show the daemon''s live chat sources (Twitch channels, YouTube streams) and their state')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'jackbox;chat;import' {
            [CompletionResult]::new('--session', '--session', [CompletionResultType]::ParameterName, 'Session ID [default: the active session]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'The log''s format')
            [CompletionResult]::new('--utc-offset', '--utc-offset', [CompletionResultType]::ParameterName, 'Local time of Chatterino and IRC logs as an offset from UTC [default: the header''s zone, else UTC]')
            [CompletionResult]::new('--date', '--date', [CompletionResultType]::ParameterName, 'Date of a text log''s first lines when neither its lines nor its file name carry one')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file [default: per platform; `jackbox db path` prints it]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'jackbox;chat;follow' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'The log''s format')
            [CompletionResult]::new('--channel', '--channel', [CompletionResultType]::ParameterName, 'The channel named in the audit log (chat:file:CHANNEL) [default: from the file name]')
            [CompletionResult]::new('--utc-offset', '--utc-offset', [CompletionResultType]::ParameterName, 'Local time of Chatterino logs as an offset from UTC [default: the header''s zone]')
            [CompletionResult]::new('--ignore', '--ignore', [CompletionResultType]::ParameterName, 'Accounts whose messages never count, comma-separated (replaces the default list of common bots; "" ignores nobody) [env: JACKBOX_CHAT_IGNORE]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file [default: per platform; `jackbox db path` prints it]')
            [CompletionResult]::new('--from-start', '--from-start', [CompletionResultType]::ParameterName, 'Count the messages already in the file too (default: only new ones)')
            [CompletionResult]::new('--no-bare-numbers', '--no-bare-numbers', [CompletionResultType]::ParameterName, 'A message that is only a number 1-7 is not a poll vote')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'jackbox;chat;status' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file [default: per platform; `jackbox db path` prints it]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'jackbox;chat;help' {
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Import a chat log (FILE, or - for stdin) and count its votes')
            [CompletionResult]::new('follow', 'follow', [CompletionResultType]::ParameterValue, 'Follow a chat client''s live log as it is written and count its votes (no daemon needed; runs until interrupted)')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show the daemon''s live chat sources (Twitch channels, YouTube streams) and their state')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'jackbox;chat;help;import' {
            break
        }
        'jackbox;chat;help;follow' {
            break
        }
        'jackbox;chat;help;status' {
            break
        }
        'jackbox;chat;help;help' {
            break
        }
        'jackbox;vote' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file [default: per platform; `jackbox db path` prints it]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('up', 'up', [CompletionResultType]::ParameterValue, 'An upvote for the game being played in the active session')
            [CompletionResult]::new('down', 'down', [CompletionResultType]::ParameterValue, 'A downvote for the game being played in the active session')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'jackbox;vote;up' {
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The viewer''s name')
            [CompletionResult]::new('--at', '--at', [CompletionResultType]::ParameterName, 'When the vote was cast (ISO 8601 or epoch seconds/ms) [default: now]')
            [CompletionResult]::new('--ticker', '--ticker', [CompletionResultType]::ParameterName, 'Vote for the game with this ticker (e.g. QPL3), whatever is being played')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file [default: per platform; `jackbox db path` prints it]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'jackbox;vote;down' {
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The viewer''s name')
            [CompletionResult]::new('--at', '--at', [CompletionResultType]::ParameterName, 'When the vote was cast (ISO 8601 or epoch seconds/ms) [default: now]')
            [CompletionResult]::new('--ticker', '--ticker', [CompletionResultType]::ParameterName, 'Vote for the game with this ticker (e.g. QPL3), whatever is being played')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file [default: per platform; `jackbox db path` prints it]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'jackbox;vote;help' {
            [CompletionResult]::new('up', 'up', [CompletionResultType]::ParameterValue, 'An upvote for the game being played in the active session')
            [CompletionResult]::new('down', 'down', [CompletionResultType]::ParameterValue, 'A downvote for the game being played in the active session')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'jackbox;vote;help;up' {
            break
        }
        'jackbox;vote;help;down' {
            break
        }
        'jackbox;vote;help;help' {
            break
        }
        'jackbox;votes' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file [default: per platform; `jackbox db path` prints it]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Vote history (live and imported chat votes), newest first')
            [CompletionResult]::new('summary', 'summary', [CompletionResultType]::ParameterValue, 'Per-game vote totals of a session (default: the active one)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'jackbox;votes;list' {
            [CompletionResult]::new('--session', '--session', [CompletionResultType]::ParameterName, 'Only votes of this session')
            [CompletionResult]::new('--game', '--game', [CompletionResultType]::ParameterName, 'Only votes for this game (catalog id or title)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Only votes of this viewer')
            [CompletionResult]::new('--type', '--type', [CompletionResultType]::ParameterName, 'Only up or down votes')
            [CompletionResult]::new('--page', '--page', [CompletionResultType]::ParameterName, 'Page number')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Votes per page (max 100)')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file [default: per platform; `jackbox db path` prints it]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'jackbox;votes;summary' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file [default: per platform; `jackbox db path` prints it]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'jackbox;votes;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Vote history (live and imported chat votes), newest first')
            [CompletionResult]::new('summary', 'summary', [CompletionResultType]::ParameterValue, 'Per-game vote totals of a session (default: the active one)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'jackbox;votes;help;list' {
            break
        }
        'jackbox;votes;help;summary' {
            break
        }
        'jackbox;votes;help;help' {
            break
        }
        'jackbox;pick' {
            [CompletionResult]::new('--players', '--players', [CompletionResultType]::ParameterName, 'Only games playable by N players')
            [CompletionResult]::new('--drawing', '--drawing', [CompletionResultType]::ParameterName, 'Only drawing games, or none of them')
            [CompletionResult]::new('--length', '--length', [CompletionResultType]::ParameterName, 'short (≤ 15 min or unknown), medium (16-25), long (> 25)')
            [CompletionResult]::new('--pack', '--pack', [CompletionResultType]::ParameterName, 'Only games of this pack (repeatable)')
            [CompletionResult]::new('--session', '--session', [CompletionResultType]::ParameterName, 'Avoid repeats in this session [default: the active session, if any]')
            [CompletionResult]::new('--seed', '--seed', [CompletionResultType]::ParameterName, 'Seed the random draw: the same seed and catalog give the same pick')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file [default: per platform; `jackbox db path` prints it]')
            [CompletionResult]::new('--family-friendly', '--family-friendly', [CompletionResultType]::ParameterName, 'Only family-friendly games')
            [CompletionResult]::new('--exclude-played', '--exclude-played', [CompletionResultType]::ParameterName, 'Exclude every game already played in the session (not only the last two)')
            [CompletionResult]::new('--add', '--add', [CompletionResultType]::ParameterName, 'Add the picked game to the session (default: the active one) in the same step')
            [CompletionResult]::new('--select', '--select', [CompletionResultType]::ParameterName, 'Line the picked game up as the session''s selection (source dice) instead of adding it')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'jackbox;poll' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file [default: per platform; `jackbox db path` prints it]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('start', 'start', [CompletionResultType]::ParameterValue, 'Open a poll: the named games, or games drawn by the picker')
            [CompletionResult]::new('vote', 'vote', [CompletionResultType]::ParameterValue, 'Record a viewer''s vote in the open poll (a later vote replaces their earlier one)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show the open poll, or one poll by ID')
            [CompletionResult]::new('close', 'close', [CompletionResultType]::ParameterValue, 'Close the open poll now (or after a countdown): its winning game becomes the session''s selection')
            [CompletionResult]::new('cancel', 'cancel', [CompletionResultType]::ParameterValue, 'Cancel the open poll (no winner, nothing selected)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the polls of a session, newest first')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'jackbox;poll;start' {
            [CompletionResult]::new('--count', '--count', [CompletionResultType]::ParameterName, 'How many games the picker draws (2-6) when none are named')
            [CompletionResult]::new('--players', '--players', [CompletionResultType]::ParameterName, 'Only games playable by N players')
            [CompletionResult]::new('--drawing', '--drawing', [CompletionResultType]::ParameterName, 'Only drawing games, or none of them')
            [CompletionResult]::new('--length', '--length', [CompletionResultType]::ParameterName, 'short (≤ 15 min or unknown), medium (16-25), long (> 25)')
            [CompletionResult]::new('--pack', '--pack', [CompletionResultType]::ParameterName, 'Only games of this pack (repeatable)')
            [CompletionResult]::new('--duration', '--duration', [CompletionResultType]::ParameterName, 'Seconds until the poll closes (10-3600)')
            [CompletionResult]::new('--seed', '--seed', [CompletionResultType]::ParameterName, 'Seed the picker''s draw (reproducible options)')
            [CompletionResult]::new('--session', '--session', [CompletionResultType]::ParameterName, 'Session ID [default: the active session]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file [default: per platform; `jackbox db path` prints it]')
            [CompletionResult]::new('--family-friendly', '--family-friendly', [CompletionResultType]::ParameterName, 'Only family-friendly games')
            [CompletionResult]::new('--exclude-played', '--exclude-played', [CompletionResultType]::ParameterName, 'Draw only games not yet played in the session')
            [CompletionResult]::new('--no-other', '--no-other', [CompletionResultType]::ParameterName, 'No "Other" option')
            [CompletionResult]::new('--no-deadline', '--no-deadline', [CompletionResultType]::ParameterName, 'Keep the poll open until `jackbox poll close`')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'jackbox;poll;vote' {
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The viewer''s name (one vote per name and poll)')
            [CompletionResult]::new('--session', '--session', [CompletionResultType]::ParameterName, 'Session ID [default: the active session]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file [default: per platform; `jackbox db path` prints it]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'jackbox;poll;show' {
            [CompletionResult]::new('--session', '--session', [CompletionResultType]::ParameterName, 'Session ID [default: the active session]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file [default: per platform; `jackbox db path` prints it]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'jackbox;poll;close' {
            [CompletionResult]::new('--in', '--in', [CompletionResultType]::ParameterName, 'Close after this long instead of now (10s, 1m, or seconds; at most 5m)')
            [CompletionResult]::new('--session', '--session', [CompletionResultType]::ParameterName, 'Session ID [default: the active session]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file [default: per platform; `jackbox db path` prints it]')
            [CompletionResult]::new('--cancel', '--cancel', [CompletionResultType]::ParameterName, 'Cancel a countdown started with --in (the poll stays open)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'jackbox;poll;cancel' {
            [CompletionResult]::new('--session', '--session', [CompletionResultType]::ParameterName, 'Session ID [default: the active session]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file [default: per platform; `jackbox db path` prints it]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'jackbox;poll;list' {
            [CompletionResult]::new('--session', '--session', [CompletionResultType]::ParameterName, 'Session ID [default: the active session]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file [default: per platform; `jackbox db path` prints it]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'jackbox;poll;help' {
            [CompletionResult]::new('start', 'start', [CompletionResultType]::ParameterValue, 'Open a poll: the named games, or games drawn by the picker')
            [CompletionResult]::new('vote', 'vote', [CompletionResultType]::ParameterValue, 'Record a viewer''s vote in the open poll (a later vote replaces their earlier one)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show the open poll, or one poll by ID')
            [CompletionResult]::new('close', 'close', [CompletionResultType]::ParameterValue, 'Close the open poll now (or after a countdown): its winning game becomes the session''s selection')
            [CompletionResult]::new('cancel', 'cancel', [CompletionResultType]::ParameterValue, 'Cancel the open poll (no winner, nothing selected)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the polls of a session, newest first')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'jackbox;poll;help;start' {
            break
        }
        'jackbox;poll;help;vote' {
            break
        }
        'jackbox;poll;help;show' {
            break
        }
        'jackbox;poll;help;close' {
            break
        }
        'jackbox;poll;help;cancel' {
            break
        }
        'jackbox;poll;help;list' {
            break
        }
        'jackbox;poll;help;help' {
            break
        }
        'jackbox;catalog' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file [default: per platform; `jackbox db path` prints it]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List games, by pack then title')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one game')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a game')
            [CompletionResult]::new('edit', 'edit', [CompletionResultType]::ParameterValue, 'Edit a game''s fields')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Delete a game (refused for games used in a session; disable it instead)')
            [CompletionResult]::new('enable', 'enable', [CompletionResultType]::ParameterValue, 'Enable a game for the picker')
            [CompletionResult]::new('disable', 'disable', [CompletionResultType]::ParameterValue, 'Disable a game for the picker')
            [CompletionResult]::new('favor', 'favor', [CompletionResultType]::ParameterValue, 'Set a game''s favor: -1, 0 or 1')
            [CompletionResult]::new('pack', 'pack', [CompletionResultType]::ParameterValue, 'Packs: list, enable, disable, favor')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Import games from CSV (append, or replace the catalog)')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Export the catalog as CSV (stdout by default)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'jackbox;catalog;list' {
            [CompletionResult]::new('--players', '--players', [CompletionResultType]::ParameterName, 'Only games playable by N players')
            [CompletionResult]::new('--drawing', '--drawing', [CompletionResultType]::ParameterName, 'Only drawing games, or none of them')
            [CompletionResult]::new('--length', '--length', [CompletionResultType]::ParameterName, 'short (≤ 15 min or unknown), medium (16-25), long (> 25)')
            [CompletionResult]::new('--pack', '--pack', [CompletionResultType]::ParameterName, 'Only games of this pack (repeatable)')
            [CompletionResult]::new('--enabled', '--enabled', [CompletionResultType]::ParameterName, 'Only enabled (true) or disabled (false) games')
            [CompletionResult]::new('--q', '--q', [CompletionResultType]::ParameterName, 'Title contains TEXT')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file [default: per platform; `jackbox db path` prints it]')
            [CompletionResult]::new('--family-friendly', '--family-friendly', [CompletionResultType]::ParameterName, 'Only family-friendly games')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'jackbox;catalog;show' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file [default: per platform; `jackbox db path` prints it]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'jackbox;catalog;add' {
            [CompletionResult]::new('--pack', '--pack', [CompletionResultType]::ParameterName, 'The pack, e.g. "The Jackbox Party Pack 7"')
            [CompletionResult]::new('--title', '--title', [CompletionResultType]::ParameterName, 'The game''s title (unique within its pack)')
            [CompletionResult]::new('--min-players', '--min-players', [CompletionResultType]::ParameterName, 'Fewest players')
            [CompletionResult]::new('--max-players', '--max-players', [CompletionResultType]::ParameterName, 'Most players')
            [CompletionResult]::new('--length', '--length', [CompletionResultType]::ParameterName, 'Typical length of one game in minutes ("" clears it)')
            [CompletionResult]::new('--audience', '--audience', [CompletionResultType]::ParameterName, 'Audience mode available (--audience false to unset)')
            [CompletionResult]::new('--family-friendly', '--family-friendly', [CompletionResultType]::ParameterName, 'Family-friendly (--family-friendly false to unset)')
            [CompletionResult]::new('--type', '--type', [CompletionResultType]::ParameterName, 'Game type, e.g. Drawing, Trivia, Writing, Bluffing, Party')
            [CompletionResult]::new('--secondary-type', '--secondary-type', [CompletionResultType]::ParameterName, 'A second category')
            [CompletionResult]::new('--app-tag', '--app-tag', [CompletionResultType]::ParameterName, 'Lobby-server app tags, comma-separated (each tag belongs to one game)')
            [CompletionResult]::new('--favor', '--favor', [CompletionResultType]::ParameterName, 'Favor: -1 (less often), 0, 1 (more often)')
            [CompletionResult]::new('--ticker', '--ticker', [CompletionResultType]::ParameterName, 'Chat ticker: 2-8 characters A-Z 0-9, unique (chat votes QPL3++); "" removes it')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file [default: per platform; `jackbox db path` prints it]')
            [CompletionResult]::new('--disabled', '--disabled', [CompletionResultType]::ParameterName, 'Add it disabled (never picked until enabled)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'jackbox;catalog;edit' {
            [CompletionResult]::new('--pack', '--pack', [CompletionResultType]::ParameterName, 'Move it to another pack')
            [CompletionResult]::new('--title', '--title', [CompletionResultType]::ParameterName, 'Rename it')
            [CompletionResult]::new('--min-players', '--min-players', [CompletionResultType]::ParameterName, 'Fewest players')
            [CompletionResult]::new('--max-players', '--max-players', [CompletionResultType]::ParameterName, 'Most players')
            [CompletionResult]::new('--length', '--length', [CompletionResultType]::ParameterName, 'Typical length of one game in minutes ("" clears it)')
            [CompletionResult]::new('--audience', '--audience', [CompletionResultType]::ParameterName, 'Audience mode available (--audience false to unset)')
            [CompletionResult]::new('--family-friendly', '--family-friendly', [CompletionResultType]::ParameterName, 'Family-friendly (--family-friendly false to unset)')
            [CompletionResult]::new('--type', '--type', [CompletionResultType]::ParameterName, 'Game type, e.g. Drawing, Trivia, Writing, Bluffing, Party')
            [CompletionResult]::new('--secondary-type', '--secondary-type', [CompletionResultType]::ParameterName, 'A second category')
            [CompletionResult]::new('--app-tag', '--app-tag', [CompletionResultType]::ParameterName, 'Lobby-server app tags, comma-separated (each tag belongs to one game)')
            [CompletionResult]::new('--favor', '--favor', [CompletionResultType]::ParameterName, 'Favor: -1 (less often), 0, 1 (more often)')
            [CompletionResult]::new('--ticker', '--ticker', [CompletionResultType]::ParameterName, 'Chat ticker: 2-8 characters A-Z 0-9, unique (chat votes QPL3++); "" removes it')
            [CompletionResult]::new('--enabled', '--enabled', [CompletionResultType]::ParameterName, 'Enable (true) or disable (false) it')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file [default: per platform; `jackbox db path` prints it]')
            [CompletionResult]::new('--disabled', '--disabled', [CompletionResultType]::ParameterName, 'Disable it')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'jackbox;catalog;remove' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file [default: per platform; `jackbox db path` prints it]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'jackbox;catalog;enable' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file [default: per platform; `jackbox db path` prints it]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'jackbox;catalog;disable' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file [default: per platform; `jackbox db path` prints it]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'jackbox;catalog;favor' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file [default: per platform; `jackbox db path` prints it]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'jackbox;catalog;pack' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file [default: per platform; `jackbox db path` prints it]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List packs with their flags and counts')
            [CompletionResult]::new('enable', 'enable', [CompletionResultType]::ParameterValue, 'Enable picking from a pack')
            [CompletionResult]::new('disable', 'disable', [CompletionResultType]::ParameterValue, 'Disable picking from a pack')
            [CompletionResult]::new('favor', 'favor', [CompletionResultType]::ParameterValue, 'Set a pack''s favor: -1, 0 or 1')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'jackbox;catalog;pack;list' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file [default: per platform; `jackbox db path` prints it]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'jackbox;catalog;pack;enable' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file [default: per platform; `jackbox db path` prints it]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'jackbox;catalog;pack;disable' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file [default: per platform; `jackbox db path` prints it]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'jackbox;catalog;pack;favor' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file [default: per platform; `jackbox db path` prints it]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'jackbox;catalog;pack;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List packs with their flags and counts')
            [CompletionResult]::new('enable', 'enable', [CompletionResultType]::ParameterValue, 'Enable picking from a pack')
            [CompletionResult]::new('disable', 'disable', [CompletionResultType]::ParameterValue, 'Disable picking from a pack')
            [CompletionResult]::new('favor', 'favor', [CompletionResultType]::ParameterValue, 'Set a pack''s favor: -1, 0 or 1')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'jackbox;catalog;pack;help;list' {
            break
        }
        'jackbox;catalog;pack;help;enable' {
            break
        }
        'jackbox;catalog;pack;help;disable' {
            break
        }
        'jackbox;catalog;pack;help;favor' {
            break
        }
        'jackbox;catalog;pack;help;help' {
            break
        }
        'jackbox;catalog;import' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file [default: per platform; `jackbox db path` prints it]')
            [CompletionResult]::new('--replace', '--replace', [CompletionResultType]::ParameterName, 'Replace the catalog (games used in sessions are kept and updated)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'jackbox;catalog;export' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write to FILE instead of stdout (`-` is stdout)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Write to FILE instead of stdout (`-` is stdout)')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file [default: per platform; `jackbox db path` prints it]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'jackbox;catalog;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List games, by pack then title')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one game')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a game')
            [CompletionResult]::new('edit', 'edit', [CompletionResultType]::ParameterValue, 'Edit a game''s fields')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Delete a game (refused for games used in a session; disable it instead)')
            [CompletionResult]::new('enable', 'enable', [CompletionResultType]::ParameterValue, 'Enable a game for the picker')
            [CompletionResult]::new('disable', 'disable', [CompletionResultType]::ParameterValue, 'Disable a game for the picker')
            [CompletionResult]::new('favor', 'favor', [CompletionResultType]::ParameterValue, 'Set a game''s favor: -1, 0 or 1')
            [CompletionResult]::new('pack', 'pack', [CompletionResultType]::ParameterValue, 'Packs: list, enable, disable, favor')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Import games from CSV (append, or replace the catalog)')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Export the catalog as CSV (stdout by default)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'jackbox;catalog;help;list' {
            break
        }
        'jackbox;catalog;help;show' {
            break
        }
        'jackbox;catalog;help;add' {
            break
        }
        'jackbox;catalog;help;edit' {
            break
        }
        'jackbox;catalog;help;remove' {
            break
        }
        'jackbox;catalog;help;enable' {
            break
        }
        'jackbox;catalog;help;disable' {
            break
        }
        'jackbox;catalog;help;favor' {
            break
        }
        'jackbox;catalog;help;pack' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List packs with their flags and counts')
            [CompletionResult]::new('enable', 'enable', [CompletionResultType]::ParameterValue, 'Enable picking from a pack')
            [CompletionResult]::new('disable', 'disable', [CompletionResultType]::ParameterValue, 'Disable picking from a pack')
            [CompletionResult]::new('favor', 'favor', [CompletionResultType]::ParameterValue, 'Set a pack''s favor: -1, 0 or 1')
            break
        }
        'jackbox;catalog;help;pack;list' {
            break
        }
        'jackbox;catalog;help;pack;enable' {
            break
        }
        'jackbox;catalog;help;pack;disable' {
            break
        }
        'jackbox;catalog;help;pack;favor' {
            break
        }
        'jackbox;catalog;help;import' {
            break
        }
        'jackbox;catalog;help;export' {
            break
        }
        'jackbox;catalog;help;help' {
            break
        }
        'jackbox;webhook' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file [default: per platform; `jackbox db path` prints it]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List webhooks')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Register a receiver: it gets a signed POST for each chosen event')
            [CompletionResult]::new('edit', 'edit', [CompletionResultType]::ParameterValue, 'Change a webhook')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Delete a webhook with its queue and logs')
            [CompletionResult]::new('test', 'test', [CompletionResultType]::ParameterValue, 'Send a `test` event now and show the receiver''s answer')
            [CompletionResult]::new('logs', 'logs', [CompletionResultType]::ParameterValue, 'Show delivery attempts, newest first')
            [CompletionResult]::new('flush', 'flush', [CompletionResultType]::ParameterValue, 'Attempt every pending delivery once, then exit (for cron when no daemon runs)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'jackbox;webhook;list' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file [default: per platform; `jackbox db path` prints it]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'jackbox;webhook;add' {
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'The URL as an option (the form older scripts use)')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'name')
            [CompletionResult]::new('--secret', '--secret', [CompletionResultType]::ParameterName, 'Shared secret for the X-Webhook-Signature HMAC (never shown again; not needed with --format discord)')
            [CompletionResult]::new('--event', '--event', [CompletionResultType]::ParameterName, 'An event name (repeatable, or several after one --event), e.g. game.added')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'json: the signed event; discord: a Discord webhook message (URL from the channel''s Integrations → Webhooks)')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file [default: per platform; `jackbox db path` prints it]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'jackbox;webhook;edit' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'name')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'url')
            [CompletionResult]::new('--secret', '--secret', [CompletionResultType]::ParameterName, 'secret')
            [CompletionResult]::new('--event', '--event', [CompletionResultType]::ParameterName, 'Replace the event list (repeatable)')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file [default: per platform; `jackbox db path` prints it]')
            [CompletionResult]::new('--enable', '--enable', [CompletionResultType]::ParameterName, 'Start delivering again')
            [CompletionResult]::new('--disable', '--disable', [CompletionResultType]::ParameterName, 'Stop delivering (queued deliveries wait until re-enabled)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'jackbox;webhook;remove' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file [default: per platform; `jackbox db path` prints it]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'jackbox;webhook;test' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file [default: per platform; `jackbox db path` prints it]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'jackbox;webhook;logs' {
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Show at most N attempts')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file [default: per platform; `jackbox db path` prints it]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'jackbox;webhook;flush' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file [default: per platform; `jackbox db path` prints it]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'jackbox;webhook;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List webhooks')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Register a receiver: it gets a signed POST for each chosen event')
            [CompletionResult]::new('edit', 'edit', [CompletionResultType]::ParameterValue, 'Change a webhook')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Delete a webhook with its queue and logs')
            [CompletionResult]::new('test', 'test', [CompletionResultType]::ParameterValue, 'Send a `test` event now and show the receiver''s answer')
            [CompletionResult]::new('logs', 'logs', [CompletionResultType]::ParameterValue, 'Show delivery attempts, newest first')
            [CompletionResult]::new('flush', 'flush', [CompletionResultType]::ParameterValue, 'Attempt every pending delivery once, then exit (for cron when no daemon runs)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'jackbox;webhook;help;list' {
            break
        }
        'jackbox;webhook;help;add' {
            break
        }
        'jackbox;webhook;help;edit' {
            break
        }
        'jackbox;webhook;help;remove' {
            break
        }
        'jackbox;webhook;help;test' {
            break
        }
        'jackbox;webhook;help;logs' {
            break
        }
        'jackbox;webhook;help;flush' {
            break
        }
        'jackbox;webhook;help;help' {
            break
        }
        'jackbox;auth' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file [default: per platform; `jackbox db path` prints it]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('set-key', 'set-key', [CompletionResultType]::ParameterValue, 'Set the legacy admin key (name `admin`) used by `POST /api/auth/login` (read from stdin unless --key or --generate)')
            [CompletionResult]::new('admin', 'admin', [CompletionResultType]::ParameterValue, 'Named admins: add, list, remove, rotate (each logs in with their own key)')
            [CompletionResult]::new('token', 'token', [CompletionResultType]::ParameterValue, 'Mint an API token (admin, or read-only with --viewer); `token list`, `token revoke ID`')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'jackbox;auth;set-key' {
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'The key (prefer stdin: options show up in the process list)')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file [default: per platform; `jackbox db path` prints it]')
            [CompletionResult]::new('--generate', '--generate', [CompletionResultType]::ParameterName, 'Generate a new random key and print it once')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'jackbox;auth;admin' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file [default: per platform; `jackbox db path` prints it]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add an admin; prints a new random key once (or reads one with --key-stdin)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the admins that can log in (database, admins file, legacy key)')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove an admin: their tokens (and the tokens they minted) stop working at once')
            [CompletionResult]::new('rotate', 'rotate', [CompletionResultType]::ParameterValue, 'Give an admin a new key: their tokens stop working at once')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'jackbox;auth;admin;add' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file [default: per platform; `jackbox db path` prints it]')
            [CompletionResult]::new('--key-stdin', '--key-stdin', [CompletionResultType]::ParameterName, 'Read the key (at least 16 characters) from stdin instead of generating one')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'jackbox;auth;admin;list' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file [default: per platform; `jackbox db path` prints it]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'jackbox;auth;admin;remove' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file [default: per platform; `jackbox db path` prints it]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'jackbox;auth;admin;rotate' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file [default: per platform; `jackbox db path` prints it]')
            [CompletionResult]::new('--key-stdin', '--key-stdin', [CompletionResultType]::ParameterName, 'Read the new key (at least 16 characters) from stdin instead of generating one')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'jackbox;auth;admin;help' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add an admin; prints a new random key once (or reads one with --key-stdin)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the admins that can log in (database, admins file, legacy key)')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove an admin: their tokens (and the tokens they minted) stop working at once')
            [CompletionResult]::new('rotate', 'rotate', [CompletionResultType]::ParameterValue, 'Give an admin a new key: their tokens stop working at once')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'jackbox;auth;admin;help;add' {
            break
        }
        'jackbox;auth;admin;help;list' {
            break
        }
        'jackbox;auth;admin;help;remove' {
            break
        }
        'jackbox;auth;admin;help;rotate' {
            break
        }
        'jackbox;auth;admin;help;help' {
            break
        }
        'jackbox;auth;token' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'What the token is for (shown in `token list` and the audit log)')
            [CompletionResult]::new('--ttl', '--ttl', [CompletionResultType]::ParameterName, 'Lifetime: e.g. 30m, 24h, 90d, or seconds [default: 24h, viewer 90d]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file [default: per platform; `jackbox db path` prints it]')
            [CompletionResult]::new('--viewer', '--viewer', [CompletionResultType]::ParameterName, 'A read-only token (role viewer) for an overlay, a bot or a dashboard')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List minted tokens (never the tokens themselves)')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'Revoke a token at once (also on open WebSocket connections)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'jackbox;auth;token;list' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file [default: per platform; `jackbox db path` prints it]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'jackbox;auth;token;revoke' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file [default: per platform; `jackbox db path` prints it]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'jackbox;auth;token;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List minted tokens (never the tokens themselves)')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'Revoke a token at once (also on open WebSocket connections)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'jackbox;auth;token;help;list' {
            break
        }
        'jackbox;auth;token;help;revoke' {
            break
        }
        'jackbox;auth;token;help;help' {
            break
        }
        'jackbox;auth;help' {
            [CompletionResult]::new('set-key', 'set-key', [CompletionResultType]::ParameterValue, 'Set the legacy admin key (name `admin`) used by `POST /api/auth/login` (read from stdin unless --key or --generate)')
            [CompletionResult]::new('admin', 'admin', [CompletionResultType]::ParameterValue, 'Named admins: add, list, remove, rotate (each logs in with their own key)')
            [CompletionResult]::new('token', 'token', [CompletionResultType]::ParameterValue, 'Mint an API token (admin, or read-only with --viewer); `token list`, `token revoke ID`')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'jackbox;auth;help;set-key' {
            break
        }
        'jackbox;auth;help;admin' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add an admin; prints a new random key once (or reads one with --key-stdin)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the admins that can log in (database, admins file, legacy key)')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove an admin: their tokens (and the tokens they minted) stop working at once')
            [CompletionResult]::new('rotate', 'rotate', [CompletionResultType]::ParameterValue, 'Give an admin a new key: their tokens stop working at once')
            break
        }
        'jackbox;auth;help;admin;add' {
            break
        }
        'jackbox;auth;help;admin;list' {
            break
        }
        'jackbox;auth;help;admin;remove' {
            break
        }
        'jackbox;auth;help;admin;rotate' {
            break
        }
        'jackbox;auth;help;token' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List minted tokens (never the tokens themselves)')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'Revoke a token at once (also on open WebSocket connections)')
            break
        }
        'jackbox;auth;help;token;list' {
            break
        }
        'jackbox;auth;help;token;revoke' {
            break
        }
        'jackbox;auth;help;help' {
            break
        }
        'jackbox;audit' {
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Only this actor (`alice`, `cli:sam`)')
            [CompletionResult]::new('--action', '--action', [CompletionResultType]::ParameterName, 'Only this action (`session.create`), or a family (`game`)')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'At most N entries (1-1000)')
            [CompletionResult]::new('--before', '--before', [CompletionResultType]::ParameterName, 'Only entries older than entry ID (paging)')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file [default: per platform; `jackbox db path` prints it]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'jackbox;db' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file [default: per platform; `jackbox db path` prints it]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('path', 'path', [CompletionResultType]::ParameterValue, 'Print the database file in use (--db, else JACKBOX_DB, else the platform''s default)')
            [CompletionResult]::new('backup', 'backup', [CompletionResultType]::ParameterValue, 'Write a consistent copy of the database to PATH (safe while the daemon runs)')
            [CompletionResult]::new('restore', 'restore', [CompletionResultType]::ParameterValue, 'Replace the database with a backup (the current file is kept aside)')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Check the whole file (PRAGMA integrity_check); exit 1 when it is damaged')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'jackbox;db;path' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file [default: per platform; `jackbox db path` prints it]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'jackbox;db;backup' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file [default: per platform; `jackbox db path` prints it]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'jackbox;db;restore' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file [default: per platform; `jackbox db path` prints it]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'jackbox;db;check' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file [default: per platform; `jackbox db path` prints it]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'jackbox;db;help' {
            [CompletionResult]::new('path', 'path', [CompletionResultType]::ParameterValue, 'Print the database file in use (--db, else JACKBOX_DB, else the platform''s default)')
            [CompletionResult]::new('backup', 'backup', [CompletionResultType]::ParameterValue, 'Write a consistent copy of the database to PATH (safe while the daemon runs)')
            [CompletionResult]::new('restore', 'restore', [CompletionResultType]::ParameterValue, 'Replace the database with a backup (the current file is kept aside)')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Check the whole file (PRAGMA integrity_check); exit 1 when it is damaged')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'jackbox;db;help;path' {
            break
        }
        'jackbox;db;help;backup' {
            break
        }
        'jackbox;db;help;restore' {
            break
        }
        'jackbox;db;help;check' {
            break
        }
        'jackbox;db;help;help' {
            break
        }
        'jackbox;stats' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file [default: per platform; `jackbox db path` prints it]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'jackbox;serve' {
            [CompletionResult]::new('--bind', '--bind', [CompletionResultType]::ParameterName, 'Address to listen on')
            [CompletionResult]::new('--cors-origin', '--cors-origin', [CompletionResultType]::ParameterName, 'Allow a browser front end at ORIGIN (repeatable; `*` allows any)')
            [CompletionResult]::new('--ecast-url', '--ecast-url', [CompletionResultType]::ParameterName, 'Base URL of the Jackbox lobby server (room monitor)')
            [CompletionResult]::new('--import-limit-mb', '--import-limit-mb', [CompletionResultType]::ParameterName, 'Largest chat-import body accepted, in MiB (other routes: 1 MiB)')
            [CompletionResult]::new('--max-connections', '--max-connections', [CompletionResultType]::ParameterName, 'Client connections served at once, WebSockets included; beyond it a new connection gets `503 {"error": "Server busy: …"}` [default: 16384, or the open-files limit less 64]')
            [CompletionResult]::new('--audit-retention-days', '--audit-retention-days', [CompletionResultType]::ParameterName, 'Delete audit log entries older than this many days')
            [CompletionResult]::new('--backup-dir', '--backup-dir', [CompletionResultType]::ParameterName, 'Write a backup of the database into DIR at start (when the newest there is over a day old) and then daily, keeping the newest --backup-keep')
            [CompletionResult]::new('--backup-keep', '--backup-keep', [CompletionResultType]::ParameterName, 'Daily backups to keep in --backup-dir')
            [CompletionResult]::new('--twitch', '--twitch', [CompletionResultType]::ParameterName, 'Read these Twitch channels'' chat, comma-separated (replaces the stored chat sources)')
            [CompletionResult]::new('--youtube', '--youtube', [CompletionResultType]::ParameterName, 'Read this YouTube live stream''s chat, by video id or URL (key in JACKBOX_YOUTUBE_API_KEY; replaces the stored chat sources)')
            [CompletionResult]::new('--twitch-bot', '--twitch-bot', [CompletionResultType]::ParameterName, 'Reply in Twitch chat as this bot account (its token in JACKBOX_TWITCH_TOKEN): announces polls and their winners, answers !game and !votes')
            [CompletionResult]::new('--twitch-bot-room-code', '--twitch-bot-room-code', [CompletionResultType]::ParameterName, 'Whether the bot''s !game answer gives the room code (hidden: keep it off the stream)')
            [CompletionResult]::new('--twitch-bot-limit', '--twitch-bot-limit', [CompletionResultType]::ParameterName, 'Messages the bot sends per 30 s at most (Twitch: 20 for an ordinary account, 100 when it is a moderator or VIP of every channel it is in)')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log format on stderr')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file [default: per platform; `jackbox db path` prints it]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'jackbox;completions' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database file [default: per platform; `jackbox db path` prints it]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'jackbox;help' {
            [CompletionResult]::new('session', 'session', [CompletionResultType]::ParameterValue, 'Game nights: list, show, create, close, delete, export')
            [CompletionResult]::new('game', 'game', [CompletionResultType]::ParameterValue, 'Games of a session: add, list, status, room code, player count, monitor')
            [CompletionResult]::new('chat', 'chat', [CompletionResultType]::ParameterValue, 'Import a chat log and count its votes')
            [CompletionResult]::new('vote', 'vote', [CompletionResultType]::ParameterValue, 'Record one live vote for the game being played')
            [CompletionResult]::new('votes', 'votes', [CompletionResultType]::ParameterValue, 'Vote history and per-game totals')
            [CompletionResult]::new('pick', 'pick', [CompletionResultType]::ParameterValue, 'Pick a game to play next (weighted random)')
            [CompletionResult]::new('poll', 'poll', [CompletionResultType]::ParameterValue, 'Chat polls: open one, record votes, show, close (the winner is lined up), cancel')
            [CompletionResult]::new('catalog', 'catalog', [CompletionResultType]::ParameterValue, 'The games catalog: list, show, add, edit, remove, enable, favor, packs, CSV')
            [CompletionResult]::new('webhook', 'webhook', [CompletionResultType]::ParameterValue, 'Webhooks: register receivers, test, read logs, flush pending deliveries')
            [CompletionResult]::new('auth', 'auth', [CompletionResultType]::ParameterValue, 'Admins, the admin key and API tokens')
            [CompletionResult]::new('audit', 'audit', [CompletionResultType]::ParameterValue, 'The audit log: who changed what, newest first')
            [CompletionResult]::new('db', 'db', [CompletionResultType]::ParameterValue, 'The database file: where it is, backup, restore, integrity check')
            [CompletionResult]::new('stats', 'stats', [CompletionResultType]::ParameterValue, 'Totals and rankings')
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Run the HTTP + WebSocket daemon')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'jackbox;help;session' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List all sessions, newest first, with the number of games played')
            [CompletionResult]::new('active', 'active', [CompletionResultType]::ParameterValue, 'Show the active session (prints "No active session" when there is none)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one session')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Start a game night (only one session can be active at a time)')
            [CompletionResult]::new('close', 'close', [CompletionResultType]::ParameterValue, 'Close a session: its playing game becomes played, its room monitors stop')
            [CompletionResult]::new('reopen', 'reopen', [CompletionResultType]::ParameterValue, 'Reopen a closed session (undo a close); refused while another session is active')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a closed session with its games, chat log and votes')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Export a session as a TXT report or a JSON document (stdout by default), or every session into a folder (--all)')
            break
        }
        'jackbox;help;session;list' {
            break
        }
        'jackbox;help;session;active' {
            break
        }
        'jackbox;help;session;show' {
            break
        }
        'jackbox;help;session;create' {
            break
        }
        'jackbox;help;session;close' {
            break
        }
        'jackbox;help;session;reopen' {
            break
        }
        'jackbox;help;session;delete' {
            break
        }
        'jackbox;help;session;export' {
            break
        }
        'jackbox;help;game' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a game to a session (default: the active one); it becomes the one playing')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the games of a session (default: the active one)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one session game')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Set a status: playing, played or skipped')
            [CompletionResult]::new('room-code', 'room-code', [CompletionResultType]::ParameterValue, 'Set the room code (restarts a running room monitor on the new code)')
            [CompletionResult]::new('player-count', 'player-count', [CompletionResultType]::ParameterValue, 'Set the player count by hand')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a game from its session (its play count goes down by one)')
            [CompletionResult]::new('select', 'select', [CompletionResultType]::ParameterValue, 'Line a game up next in a session (the session''s selection)')
            [CompletionResult]::new('dismiss', 'dismiss', [CompletionResultType]::ParameterValue, 'Clear the session''s selection')
            [CompletionResult]::new('selection', 'selection', [CompletionResultType]::ParameterValue, 'Show the game lined up next in a session')
            [CompletionResult]::new('monitor', 'monitor', [CompletionResultType]::ParameterValue, 'Start or stop watching the game''s Jackbox room for players')
            break
        }
        'jackbox;help;game;add' {
            break
        }
        'jackbox;help;game;list' {
            break
        }
        'jackbox;help;game;show' {
            break
        }
        'jackbox;help;game;status' {
            break
        }
        'jackbox;help;game;room-code' {
            break
        }
        'jackbox;help;game;player-count' {
            break
        }
        'jackbox;help;game;remove' {
            break
        }
        'jackbox;help;game;select' {
            break
        }
        'jackbox;help;game;dismiss' {
            break
        }
        'jackbox;help;game;selection' {
            break
        }
        'jackbox;help;game;monitor' {
            break
        }
        'jackbox;help;chat' {
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Import a chat log (FILE, or - for stdin) and count its votes')
            [CompletionResult]::new('follow', 'follow', [CompletionResultType]::ParameterValue, 'Follow a chat client''s live log as it is written and count its votes (no daemon needed; runs until interrupted)')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show the daemon''s live chat sources (Twitch channels, YouTube streams) and their state')
            break
        }
        'jackbox;help;chat;import' {
            break
        }
        'jackbox;help;chat;follow' {
            break
        }
        'jackbox;help;chat;status' {
            break
        }
        'jackbox;help;vote' {
            [CompletionResult]::new('up', 'up', [CompletionResultType]::ParameterValue, 'An upvote for the game being played in the active session')
            [CompletionResult]::new('down', 'down', [CompletionResultType]::ParameterValue, 'A downvote for the game being played in the active session')
            break
        }
        'jackbox;help;vote;up' {
            break
        }
        'jackbox;help;vote;down' {
            break
        }
        'jackbox;help;votes' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Vote history (live and imported chat votes), newest first')
            [CompletionResult]::new('summary', 'summary', [CompletionResultType]::ParameterValue, 'Per-game vote totals of a session (default: the active one)')
            break
        }
        'jackbox;help;votes;list' {
            break
        }
        'jackbox;help;votes;summary' {
            break
        }
        'jackbox;help;pick' {
            break
        }
        'jackbox;help;poll' {
            [CompletionResult]::new('start', 'start', [CompletionResultType]::ParameterValue, 'Open a poll: the named games, or games drawn by the picker')
            [CompletionResult]::new('vote', 'vote', [CompletionResultType]::ParameterValue, 'Record a viewer''s vote in the open poll (a later vote replaces their earlier one)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show the open poll, or one poll by ID')
            [CompletionResult]::new('close', 'close', [CompletionResultType]::ParameterValue, 'Close the open poll now (or after a countdown): its winning game becomes the session''s selection')
            [CompletionResult]::new('cancel', 'cancel', [CompletionResultType]::ParameterValue, 'Cancel the open poll (no winner, nothing selected)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the polls of a session, newest first')
            break
        }
        'jackbox;help;poll;start' {
            break
        }
        'jackbox;help;poll;vote' {
            break
        }
        'jackbox;help;poll;show' {
            break
        }
        'jackbox;help;poll;close' {
            break
        }
        'jackbox;help;poll;cancel' {
            break
        }
        'jackbox;help;poll;list' {
            break
        }
        'jackbox;help;catalog' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List games, by pack then title')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one game')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a game')
            [CompletionResult]::new('edit', 'edit', [CompletionResultType]::ParameterValue, 'Edit a game''s fields')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Delete a game (refused for games used in a session; disable it instead)')
            [CompletionResult]::new('enable', 'enable', [CompletionResultType]::ParameterValue, 'Enable a game for the picker')
            [CompletionResult]::new('disable', 'disable', [CompletionResultType]::ParameterValue, 'Disable a game for the picker')
            [CompletionResult]::new('favor', 'favor', [CompletionResultType]::ParameterValue, 'Set a game''s favor: -1, 0 or 1')
            [CompletionResult]::new('pack', 'pack', [CompletionResultType]::ParameterValue, 'Packs: list, enable, disable, favor')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Import games from CSV (append, or replace the catalog)')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Export the catalog as CSV (stdout by default)')
            break
        }
        'jackbox;help;catalog;list' {
            break
        }
        'jackbox;help;catalog;show' {
            break
        }
        'jackbox;help;catalog;add' {
            break
        }
        'jackbox;help;catalog;edit' {
            break
        }
        'jackbox;help;catalog;remove' {
            break
        }
        'jackbox;help;catalog;enable' {
            break
        }
        'jackbox;help;catalog;disable' {
            break
        }
        'jackbox;help;catalog;favor' {
            break
        }
        'jackbox;help;catalog;pack' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List packs with their flags and counts')
            [CompletionResult]::new('enable', 'enable', [CompletionResultType]::ParameterValue, 'Enable picking from a pack')
            [CompletionResult]::new('disable', 'disable', [CompletionResultType]::ParameterValue, 'Disable picking from a pack')
            [CompletionResult]::new('favor', 'favor', [CompletionResultType]::ParameterValue, 'Set a pack''s favor: -1, 0 or 1')
            break
        }
        'jackbox;help;catalog;pack;list' {
            break
        }
        'jackbox;help;catalog;pack;enable' {
            break
        }
        'jackbox;help;catalog;pack;disable' {
            break
        }
        'jackbox;help;catalog;pack;favor' {
            break
        }
        'jackbox;help;catalog;import' {
            break
        }
        'jackbox;help;catalog;export' {
            break
        }
        'jackbox;help;webhook' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List webhooks')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Register a receiver: it gets a signed POST for each chosen event')
            [CompletionResult]::new('edit', 'edit', [CompletionResultType]::ParameterValue, 'Change a webhook')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Delete a webhook with its queue and logs')
            [CompletionResult]::new('test', 'test', [CompletionResultType]::ParameterValue, 'Send a `test` event now and show the receiver''s answer')
            [CompletionResult]::new('logs', 'logs', [CompletionResultType]::ParameterValue, 'Show delivery attempts, newest first')
            [CompletionResult]::new('flush', 'flush', [CompletionResultType]::ParameterValue, 'Attempt every pending delivery once, then exit (for cron when no daemon runs)')
            break
        }
        'jackbox;help;webhook;list' {
            break
        }
        'jackbox;help;webhook;add' {
            break
        }
        'jackbox;help;webhook;edit' {
            break
        }
        'jackbox;help;webhook;remove' {
            break
        }
        'jackbox;help;webhook;test' {
            break
        }
        'jackbox;help;webhook;logs' {
            break
        }
        'jackbox;help;webhook;flush' {
            break
        }
        'jackbox;help;auth' {
            [CompletionResult]::new('set-key', 'set-key', [CompletionResultType]::ParameterValue, 'Set the legacy admin key (name `admin`) used by `POST /api/auth/login` (read from stdin unless --key or --generate)')
            [CompletionResult]::new('admin', 'admin', [CompletionResultType]::ParameterValue, 'Named admins: add, list, remove, rotate (each logs in with their own key)')
            [CompletionResult]::new('token', 'token', [CompletionResultType]::ParameterValue, 'Mint an API token (admin, or read-only with --viewer); `token list`, `token revoke ID`')
            break
        }
        'jackbox;help;auth;set-key' {
            break
        }
        'jackbox;help;auth;admin' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add an admin; prints a new random key once (or reads one with --key-stdin)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the admins that can log in (database, admins file, legacy key)')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove an admin: their tokens (and the tokens they minted) stop working at once')
            [CompletionResult]::new('rotate', 'rotate', [CompletionResultType]::ParameterValue, 'Give an admin a new key: their tokens stop working at once')
            break
        }
        'jackbox;help;auth;admin;add' {
            break
        }
        'jackbox;help;auth;admin;list' {
            break
        }
        'jackbox;help;auth;admin;remove' {
            break
        }
        'jackbox;help;auth;admin;rotate' {
            break
        }
        'jackbox;help;auth;token' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List minted tokens (never the tokens themselves)')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'Revoke a token at once (also on open WebSocket connections)')
            break
        }
        'jackbox;help;auth;token;list' {
            break
        }
        'jackbox;help;auth;token;revoke' {
            break
        }
        'jackbox;help;audit' {
            break
        }
        'jackbox;help;db' {
            [CompletionResult]::new('path', 'path', [CompletionResultType]::ParameterValue, 'Print the database file in use (--db, else JACKBOX_DB, else the platform''s default)')
            [CompletionResult]::new('backup', 'backup', [CompletionResultType]::ParameterValue, 'Write a consistent copy of the database to PATH (safe while the daemon runs)')
            [CompletionResult]::new('restore', 'restore', [CompletionResultType]::ParameterValue, 'Replace the database with a backup (the current file is kept aside)')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Check the whole file (PRAGMA integrity_check); exit 1 when it is damaged')
            break
        }
        'jackbox;help;db;path' {
            break
        }
        'jackbox;help;db;backup' {
            break
        }
        'jackbox;help;db;restore' {
            break
        }
        'jackbox;help;db;check' {
            break
        }
        'jackbox;help;stats' {
            break
        }
        'jackbox;help;serve' {
            break
        }
        'jackbox;help;completions' {
            break
        }
        'jackbox;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
