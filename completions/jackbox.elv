
use builtin;
use str;

set edit:completion:arg-completer[jackbox] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'jackbox'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'jackbox'= {
            cand --db 'The database file [default: per platform; `jackbox db path` prints it]'
            cand --json 'Print the API''s JSON instead of tables'
            cand -q 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand --quiet 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand session 'Game nights: list, show, create, close, delete, export'
            cand game 'Games of a session: add, list, status, room code, player count, monitor'
            cand chat 'Import a chat log and count its votes'
            cand vote 'Record one live vote for the game being played'
            cand votes 'Vote history and per-game totals'
            cand pick 'Pick a game to play next (weighted random)'
            cand poll 'Chat polls: open one, record votes, show, close (the winner is lined up), cancel'
            cand catalog 'The games catalog: list, show, add, edit, remove, enable, favor, packs, CSV'
            cand webhook 'Webhooks: register receivers, test, read logs, flush pending deliveries'
            cand auth 'Admins, the admin key and API tokens'
            cand audit 'The audit log: who changed what, newest first'
            cand db 'The database file: where it is, backup, restore, integrity check'
            cand stats 'Totals and rankings'
            cand serve 'Run the HTTP + WebSocket daemon'
            cand completions 'Print a shell completion script'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'jackbox;session'= {
            cand --db 'The database file [default: per platform; `jackbox db path` prints it]'
            cand --json 'Print the API''s JSON instead of tables'
            cand -q 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand --quiet 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand list 'List all sessions, newest first, with the number of games played'
            cand active 'Show the active session (prints "No active session" when there is none)'
            cand show 'Show one session'
            cand create 'Start a game night (only one session can be active at a time)'
            cand close 'Close a session: its playing game becomes played, its room monitors stop'
            cand reopen 'Reopen a closed session (undo a close); refused while another session is active'
            cand delete 'Delete a closed session with its games, chat log and votes'
            cand export 'Export a session as a TXT report or a JSON document (stdout by default), or every session into a folder (--all)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'jackbox;session;list'= {
            cand --since 'Only sessions started on or after DATE (2026-03-15, or a full ISO time), or with an ID of at least ID'
            cand --limit 'Show at most N sessions'
            cand --offset 'Skip the first N sessions (with --limit, to page through a long history)'
            cand --db 'The database file [default: per platform; `jackbox db path` prints it]'
            cand --closed 'Only closed sessions'
            cand --active 'Only the active session'
            cand --json 'Print the API''s JSON instead of tables'
            cand -q 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand --quiet 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'jackbox;session;active'= {
            cand --db 'The database file [default: per platform; `jackbox db path` prints it]'
            cand --json 'Print the API''s JSON instead of tables'
            cand -q 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand --quiet 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'jackbox;session;show'= {
            cand --db 'The database file [default: per platform; `jackbox db path` prints it]'
            cand --json 'Print the API''s JSON instead of tables'
            cand -q 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand --quiet 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'jackbox;session;create'= {
            cand --notes 'Notes, e.g. "Friday game night"'
            cand --db 'The database file [default: per platform; `jackbox db path` prints it]'
            cand --json 'Print the API''s JSON instead of tables'
            cand -q 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand --quiet 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'jackbox;session;close'= {
            cand --notes 'Replace the session''s notes (kept as they are when not given)'
            cand --db 'The database file [default: per platform; `jackbox db path` prints it]'
            cand --json 'Print the API''s JSON instead of tables'
            cand -q 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand --quiet 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'jackbox;session;reopen'= {
            cand --db 'The database file [default: per platform; `jackbox db path` prints it]'
            cand --json 'Print the API''s JSON instead of tables'
            cand -q 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand --quiet 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'jackbox;session;delete'= {
            cand --db 'The database file [default: per platform; `jackbox db path` prints it]'
            cand -y 'Do not ask for confirmation'
            cand --yes 'Do not ask for confirmation'
            cand --json 'Print the API''s JSON instead of tables'
            cand -q 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand --quiet 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'jackbox;session;export'= {
            cand --format 'txt (a readable report) or json [default: txt; json with --json, except with --all]'
            cand -o 'Write to FILE instead of stdout (`-` is stdout)'
            cand --output 'Write to FILE instead of stdout (`-` is stdout)'
            cand --dir 'The folder --all writes into (created when missing)'
            cand --since 'With --all: only sessions started on or after DATE (2026-03-15, or a full ISO time), or with an ID of at least ID'
            cand --db 'The database file [default: per platform; `jackbox db path` prints it]'
            cand --all 'Export every session (or those --since / --closed-only select) into --dir, one file per session, rewriting only the files whose session changed'
            cand --closed-only 'With --all: only closed sessions (the active one still changes)'
            cand --force 'With --all: rewrite every file, even those whose session has not changed'
            cand --json 'Print the API''s JSON instead of tables'
            cand -q 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand --quiet 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'jackbox;session;help'= {
            cand list 'List all sessions, newest first, with the number of games played'
            cand active 'Show the active session (prints "No active session" when there is none)'
            cand show 'Show one session'
            cand create 'Start a game night (only one session can be active at a time)'
            cand close 'Close a session: its playing game becomes played, its room monitors stop'
            cand reopen 'Reopen a closed session (undo a close); refused while another session is active'
            cand delete 'Delete a closed session with its games, chat log and votes'
            cand export 'Export a session as a TXT report or a JSON document (stdout by default), or every session into a folder (--all)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'jackbox;session;help;list'= {
        }
        &'jackbox;session;help;active'= {
        }
        &'jackbox;session;help;show'= {
        }
        &'jackbox;session;help;create'= {
        }
        &'jackbox;session;help;close'= {
        }
        &'jackbox;session;help;reopen'= {
        }
        &'jackbox;session;help;delete'= {
        }
        &'jackbox;session;help;export'= {
        }
        &'jackbox;session;help;help'= {
        }
        &'jackbox;game'= {
            cand --db 'The database file [default: per platform; `jackbox db path` prints it]'
            cand --json 'Print the API''s JSON instead of tables'
            cand -q 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand --quiet 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand add 'Add a game to a session (default: the active one); it becomes the one playing'
            cand list 'List the games of a session (default: the active one)'
            cand show 'Show one session game'
            cand status 'Set a status: playing, played or skipped'
            cand room-code 'Set the room code (restarts a running room monitor on the new code)'
            cand player-count 'Set the player count by hand'
            cand remove 'Remove a game from its session (its play count goes down by one)'
            cand select 'Line a game up next in a session (the session''s selection)'
            cand dismiss 'Clear the session''s selection'
            cand selection 'Show the game lined up next in a session'
            cand monitor 'Start or stop watching the game''s Jackbox room for players'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'jackbox;game;add'= {
            cand --session 'Session ID [default: the active session]'
            cand --room-code 'The room code (exactly 4 characters A-Z, 0-9); starts the room monitor'
            cand --ecast-url 'Jackbox''s lobby server [default: https://ecast.jackboxgames.com]'
            cand --db 'The database file [default: per platform; `jackbox db path` prints it]'
            cand --manual 'Mark the game as added by hand (manually_added = 1)'
            cand --json 'Print the API''s JSON instead of tables'
            cand -q 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand --quiet 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'jackbox;game;list'= {
            cand --session 'Session ID [default: the active session]'
            cand --db 'The database file [default: per platform; `jackbox db path` prints it]'
            cand --json 'Print the API''s JSON instead of tables'
            cand -q 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand --quiet 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'jackbox;game;show'= {
            cand --db 'The database file [default: per platform; `jackbox db path` prints it]'
            cand --json 'Print the API''s JSON instead of tables'
            cand -q 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand --quiet 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'jackbox;game;status'= {
            cand --db 'The database file [default: per platform; `jackbox db path` prints it]'
            cand --json 'Print the API''s JSON instead of tables'
            cand -q 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand --quiet 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'jackbox;game;room-code'= {
            cand --db 'The database file [default: per platform; `jackbox db path` prints it]'
            cand --json 'Print the API''s JSON instead of tables'
            cand -q 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand --quiet 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'jackbox;game;player-count'= {
            cand --db 'The database file [default: per platform; `jackbox db path` prints it]'
            cand --json 'Print the API''s JSON instead of tables'
            cand -q 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand --quiet 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'jackbox;game;remove'= {
            cand --db 'The database file [default: per platform; `jackbox db path` prints it]'
            cand --json 'Print the API''s JSON instead of tables'
            cand -q 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand --quiet 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'jackbox;game;select'= {
            cand --session 'Session ID [default: the active session]'
            cand --source 'Where the choice came from: manual (default), dice or poll'
            cand --db 'The database file [default: per platform; `jackbox db path` prints it]'
            cand --json 'Print the API''s JSON instead of tables'
            cand -q 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand --quiet 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'jackbox;game;dismiss'= {
            cand --session 'Session ID [default: the active session]'
            cand --db 'The database file [default: per platform; `jackbox db path` prints it]'
            cand --json 'Print the API''s JSON instead of tables'
            cand -q 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand --quiet 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'jackbox;game;selection'= {
            cand --session 'Session ID [default: the active session]'
            cand --db 'The database file [default: per platform; `jackbox db path` prints it]'
            cand --json 'Print the API''s JSON instead of tables'
            cand -q 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand --quiet 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'jackbox;game;monitor'= {
            cand --ecast-url 'Jackbox''s lobby server [default: https://ecast.jackboxgames.com]'
            cand --db 'The database file [default: per platform; `jackbox db path` prints it]'
            cand --foreground 'Run the monitor in this terminal, printing each event, until the game ends'
            cand --json 'Print the API''s JSON instead of tables'
            cand -q 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand --quiet 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'jackbox;game;help'= {
            cand add 'Add a game to a session (default: the active one); it becomes the one playing'
            cand list 'List the games of a session (default: the active one)'
            cand show 'Show one session game'
            cand status 'Set a status: playing, played or skipped'
            cand room-code 'Set the room code (restarts a running room monitor on the new code)'
            cand player-count 'Set the player count by hand'
            cand remove 'Remove a game from its session (its play count goes down by one)'
            cand select 'Line a game up next in a session (the session''s selection)'
            cand dismiss 'Clear the session''s selection'
            cand selection 'Show the game lined up next in a session'
            cand monitor 'Start or stop watching the game''s Jackbox room for players'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'jackbox;game;help;add'= {
        }
        &'jackbox;game;help;list'= {
        }
        &'jackbox;game;help;show'= {
        }
        &'jackbox;game;help;status'= {
        }
        &'jackbox;game;help;room-code'= {
        }
        &'jackbox;game;help;player-count'= {
        }
        &'jackbox;game;help;remove'= {
        }
        &'jackbox;game;help;select'= {
        }
        &'jackbox;game;help;dismiss'= {
        }
        &'jackbox;game;help;selection'= {
        }
        &'jackbox;game;help;monitor'= {
        }
        &'jackbox;game;help;help'= {
        }
        &'jackbox;chat'= {
            cand --db 'The database file [default: per platform; `jackbox db path` prints it]'
            cand --json 'Print the API''s JSON instead of tables'
            cand -q 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand --quiet 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand import 'Import a chat log (FILE, or - for stdin) and count its votes'
            cand follow 'Follow a chat client''s live log as it is written and count its votes (no daemon needed; runs until interrupted)'
            cand status 'Show the daemon''s live chat sources (Twitch channels, YouTube streams) and their state'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'jackbox;chat;import'= {
            cand --session 'Session ID [default: the active session]'
            cand --format 'The log''s format'
            cand --utc-offset 'Local time of Chatterino and IRC logs as an offset from UTC [default: the header''s zone, else UTC]'
            cand --date 'Date of a text log''s first lines when neither its lines nor its file name carry one'
            cand --db 'The database file [default: per platform; `jackbox db path` prints it]'
            cand --json 'Print the API''s JSON instead of tables'
            cand -q 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand --quiet 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'jackbox;chat;follow'= {
            cand --format 'The log''s format'
            cand --channel 'The channel named in the audit log (chat:file:CHANNEL) [default: from the file name]'
            cand --utc-offset 'Local time of Chatterino logs as an offset from UTC [default: the header''s zone]'
            cand --ignore 'Accounts whose messages never count, comma-separated (replaces the default list of common bots; "" ignores nobody) [env: JACKBOX_CHAT_IGNORE]'
            cand --db 'The database file [default: per platform; `jackbox db path` prints it]'
            cand --from-start 'Count the messages already in the file too (default: only new ones)'
            cand --no-bare-numbers 'A message that is only a number 1-7 is not a poll vote'
            cand --json 'Print the API''s JSON instead of tables'
            cand -q 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand --quiet 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'jackbox;chat;status'= {
            cand --db 'The database file [default: per platform; `jackbox db path` prints it]'
            cand --json 'Print the API''s JSON instead of tables'
            cand -q 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand --quiet 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'jackbox;chat;help'= {
            cand import 'Import a chat log (FILE, or - for stdin) and count its votes'
            cand follow 'Follow a chat client''s live log as it is written and count its votes (no daemon needed; runs until interrupted)'
            cand status 'Show the daemon''s live chat sources (Twitch channels, YouTube streams) and their state'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'jackbox;chat;help;import'= {
        }
        &'jackbox;chat;help;follow'= {
        }
        &'jackbox;chat;help;status'= {
        }
        &'jackbox;chat;help;help'= {
        }
        &'jackbox;vote'= {
            cand --db 'The database file [default: per platform; `jackbox db path` prints it]'
            cand --json 'Print the API''s JSON instead of tables'
            cand -q 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand --quiet 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand up 'An upvote for the game being played in the active session'
            cand down 'A downvote for the game being played in the active session'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'jackbox;vote;up'= {
            cand --user 'The viewer''s name'
            cand --at 'When the vote was cast (ISO 8601 or epoch seconds/ms) [default: now]'
            cand --ticker 'Vote for the game with this ticker (e.g. QPL3), whatever is being played'
            cand --db 'The database file [default: per platform; `jackbox db path` prints it]'
            cand --json 'Print the API''s JSON instead of tables'
            cand -q 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand --quiet 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'jackbox;vote;down'= {
            cand --user 'The viewer''s name'
            cand --at 'When the vote was cast (ISO 8601 or epoch seconds/ms) [default: now]'
            cand --ticker 'Vote for the game with this ticker (e.g. QPL3), whatever is being played'
            cand --db 'The database file [default: per platform; `jackbox db path` prints it]'
            cand --json 'Print the API''s JSON instead of tables'
            cand -q 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand --quiet 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'jackbox;vote;help'= {
            cand up 'An upvote for the game being played in the active session'
            cand down 'A downvote for the game being played in the active session'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'jackbox;vote;help;up'= {
        }
        &'jackbox;vote;help;down'= {
        }
        &'jackbox;vote;help;help'= {
        }
        &'jackbox;votes'= {
            cand --db 'The database file [default: per platform; `jackbox db path` prints it]'
            cand --json 'Print the API''s JSON instead of tables'
            cand -q 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand --quiet 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand list 'Vote history (live and imported chat votes), newest first'
            cand summary 'Per-game vote totals of a session (default: the active one)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'jackbox;votes;list'= {
            cand --session 'Only votes of this session'
            cand --game 'Only votes for this game (catalog id or title)'
            cand --user 'Only votes of this viewer'
            cand --type 'Only up or down votes'
            cand --page 'Page number'
            cand --limit 'Votes per page (max 100)'
            cand --db 'The database file [default: per platform; `jackbox db path` prints it]'
            cand --json 'Print the API''s JSON instead of tables'
            cand -q 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand --quiet 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'jackbox;votes;summary'= {
            cand --db 'The database file [default: per platform; `jackbox db path` prints it]'
            cand --json 'Print the API''s JSON instead of tables'
            cand -q 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand --quiet 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'jackbox;votes;help'= {
            cand list 'Vote history (live and imported chat votes), newest first'
            cand summary 'Per-game vote totals of a session (default: the active one)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'jackbox;votes;help;list'= {
        }
        &'jackbox;votes;help;summary'= {
        }
        &'jackbox;votes;help;help'= {
        }
        &'jackbox;pick'= {
            cand --players 'Only games playable by N players'
            cand --drawing 'Only drawing games, or none of them'
            cand --length 'short (≤ 15 min or unknown), medium (16-25), long (> 25)'
            cand --pack 'Only games of this pack (repeatable)'
            cand --session 'Avoid repeats in this session [default: the active session, if any]'
            cand --seed 'Seed the random draw: the same seed and catalog give the same pick'
            cand --db 'The database file [default: per platform; `jackbox db path` prints it]'
            cand --family-friendly 'Only family-friendly games'
            cand --exclude-played 'Exclude every game already played in the session (not only the last two)'
            cand --add 'Add the picked game to the session (default: the active one) in the same step'
            cand --select 'Line the picked game up as the session''s selection (source dice) instead of adding it'
            cand --json 'Print the API''s JSON instead of tables'
            cand -q 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand --quiet 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'jackbox;poll'= {
            cand --db 'The database file [default: per platform; `jackbox db path` prints it]'
            cand --json 'Print the API''s JSON instead of tables'
            cand -q 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand --quiet 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand start 'Open a poll: the named games, or games drawn by the picker'
            cand vote 'Record a viewer''s vote in the open poll (a later vote replaces their earlier one)'
            cand show 'Show the open poll, or one poll by ID'
            cand close 'Close the open poll now (or after a countdown): its winning game becomes the session''s selection'
            cand cancel 'Cancel the open poll (no winner, nothing selected)'
            cand list 'List the polls of a session, newest first'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'jackbox;poll;start'= {
            cand --count 'How many games the picker draws (2-6) when none are named'
            cand --players 'Only games playable by N players'
            cand --drawing 'Only drawing games, or none of them'
            cand --length 'short (≤ 15 min or unknown), medium (16-25), long (> 25)'
            cand --pack 'Only games of this pack (repeatable)'
            cand --duration 'Seconds until the poll closes (10-3600)'
            cand --seed 'Seed the picker''s draw (reproducible options)'
            cand --session 'Session ID [default: the active session]'
            cand --db 'The database file [default: per platform; `jackbox db path` prints it]'
            cand --family-friendly 'Only family-friendly games'
            cand --exclude-played 'Draw only games not yet played in the session'
            cand --no-other 'No "Other" option'
            cand --no-deadline 'Keep the poll open until `jackbox poll close`'
            cand --json 'Print the API''s JSON instead of tables'
            cand -q 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand --quiet 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'jackbox;poll;vote'= {
            cand --user 'The viewer''s name (one vote per name and poll)'
            cand --session 'Session ID [default: the active session]'
            cand --db 'The database file [default: per platform; `jackbox db path` prints it]'
            cand --json 'Print the API''s JSON instead of tables'
            cand -q 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand --quiet 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'jackbox;poll;show'= {
            cand --session 'Session ID [default: the active session]'
            cand --db 'The database file [default: per platform; `jackbox db path` prints it]'
            cand --json 'Print the API''s JSON instead of tables'
            cand -q 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand --quiet 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'jackbox;poll;close'= {
            cand --in 'Close after this long instead of now (10s, 1m, or seconds; at most 5m)'
            cand --session 'Session ID [default: the active session]'
            cand --db 'The database file [default: per platform; `jackbox db path` prints it]'
            cand --cancel 'Cancel a countdown started with --in (the poll stays open)'
            cand --json 'Print the API''s JSON instead of tables'
            cand -q 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand --quiet 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'jackbox;poll;cancel'= {
            cand --session 'Session ID [default: the active session]'
            cand --db 'The database file [default: per platform; `jackbox db path` prints it]'
            cand --json 'Print the API''s JSON instead of tables'
            cand -q 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand --quiet 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'jackbox;poll;list'= {
            cand --session 'Session ID [default: the active session]'
            cand --db 'The database file [default: per platform; `jackbox db path` prints it]'
            cand --json 'Print the API''s JSON instead of tables'
            cand -q 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand --quiet 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'jackbox;poll;help'= {
            cand start 'Open a poll: the named games, or games drawn by the picker'
            cand vote 'Record a viewer''s vote in the open poll (a later vote replaces their earlier one)'
            cand show 'Show the open poll, or one poll by ID'
            cand close 'Close the open poll now (or after a countdown): its winning game becomes the session''s selection'
            cand cancel 'Cancel the open poll (no winner, nothing selected)'
            cand list 'List the polls of a session, newest first'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'jackbox;poll;help;start'= {
        }
        &'jackbox;poll;help;vote'= {
        }
        &'jackbox;poll;help;show'= {
        }
        &'jackbox;poll;help;close'= {
        }
        &'jackbox;poll;help;cancel'= {
        }
        &'jackbox;poll;help;list'= {
        }
        &'jackbox;poll;help;help'= {
        }
        &'jackbox;catalog'= {
            cand --db 'The database file [default: per platform; `jackbox db path` prints it]'
            cand --json 'Print the API''s JSON instead of tables'
            cand -q 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand --quiet 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand list 'List games, by pack then title'
            cand show 'Show one game'
            cand add 'Add a game'
            cand edit 'Edit a game''s fields'
            cand remove 'Delete a game (refused for games used in a session; disable it instead)'
            cand enable 'Enable a game for the picker'
            cand disable 'Disable a game for the picker'
            cand favor 'Set a game''s favor: -1, 0 or 1'
            cand pack 'Packs: list, enable, disable, favor'
            cand import 'Import games from CSV (append, or replace the catalog)'
            cand export 'Export the catalog as CSV (stdout by default)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'jackbox;catalog;list'= {
            cand --players 'Only games playable by N players'
            cand --drawing 'Only drawing games, or none of them'
            cand --length 'short (≤ 15 min or unknown), medium (16-25), long (> 25)'
            cand --pack 'Only games of this pack (repeatable)'
            cand --enabled 'Only enabled (true) or disabled (false) games'
            cand --q 'Title contains TEXT'
            cand --db 'The database file [default: per platform; `jackbox db path` prints it]'
            cand --family-friendly 'Only family-friendly games'
            cand --json 'Print the API''s JSON instead of tables'
            cand -q 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand --quiet 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'jackbox;catalog;show'= {
            cand --db 'The database file [default: per platform; `jackbox db path` prints it]'
            cand --json 'Print the API''s JSON instead of tables'
            cand -q 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand --quiet 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'jackbox;catalog;add'= {
            cand --pack 'The pack, e.g. "The Jackbox Party Pack 7"'
            cand --title 'The game''s title (unique within its pack)'
            cand --min-players 'Fewest players'
            cand --max-players 'Most players'
            cand --length 'Typical length of one game in minutes ("" clears it)'
            cand --audience 'Audience mode available (--audience false to unset)'
            cand --family-friendly 'Family-friendly (--family-friendly false to unset)'
            cand --type 'Game type, e.g. Drawing, Trivia, Writing, Bluffing, Party'
            cand --secondary-type 'A second category'
            cand --app-tag 'Lobby-server app tags, comma-separated (each tag belongs to one game)'
            cand --favor 'Favor: -1 (less often), 0, 1 (more often)'
            cand --ticker 'Chat ticker: 2-8 characters A-Z 0-9, unique (chat votes QPL3++); "" removes it'
            cand --db 'The database file [default: per platform; `jackbox db path` prints it]'
            cand --disabled 'Add it disabled (never picked until enabled)'
            cand --json 'Print the API''s JSON instead of tables'
            cand -q 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand --quiet 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'jackbox;catalog;edit'= {
            cand --pack 'Move it to another pack'
            cand --title 'Rename it'
            cand --min-players 'Fewest players'
            cand --max-players 'Most players'
            cand --length 'Typical length of one game in minutes ("" clears it)'
            cand --audience 'Audience mode available (--audience false to unset)'
            cand --family-friendly 'Family-friendly (--family-friendly false to unset)'
            cand --type 'Game type, e.g. Drawing, Trivia, Writing, Bluffing, Party'
            cand --secondary-type 'A second category'
            cand --app-tag 'Lobby-server app tags, comma-separated (each tag belongs to one game)'
            cand --favor 'Favor: -1 (less often), 0, 1 (more often)'
            cand --ticker 'Chat ticker: 2-8 characters A-Z 0-9, unique (chat votes QPL3++); "" removes it'
            cand --enabled 'Enable (true) or disable (false) it'
            cand --db 'The database file [default: per platform; `jackbox db path` prints it]'
            cand --disabled 'Disable it'
            cand --json 'Print the API''s JSON instead of tables'
            cand -q 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand --quiet 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'jackbox;catalog;remove'= {
            cand --db 'The database file [default: per platform; `jackbox db path` prints it]'
            cand --json 'Print the API''s JSON instead of tables'
            cand -q 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand --quiet 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'jackbox;catalog;enable'= {
            cand --db 'The database file [default: per platform; `jackbox db path` prints it]'
            cand --json 'Print the API''s JSON instead of tables'
            cand -q 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand --quiet 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'jackbox;catalog;disable'= {
            cand --db 'The database file [default: per platform; `jackbox db path` prints it]'
            cand --json 'Print the API''s JSON instead of tables'
            cand -q 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand --quiet 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'jackbox;catalog;favor'= {
            cand --db 'The database file [default: per platform; `jackbox db path` prints it]'
            cand --json 'Print the API''s JSON instead of tables'
            cand -q 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand --quiet 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'jackbox;catalog;pack'= {
            cand --db 'The database file [default: per platform; `jackbox db path` prints it]'
            cand --json 'Print the API''s JSON instead of tables'
            cand -q 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand --quiet 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand list 'List packs with their flags and counts'
            cand enable 'Enable picking from a pack'
            cand disable 'Disable picking from a pack'
            cand favor 'Set a pack''s favor: -1, 0 or 1'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'jackbox;catalog;pack;list'= {
            cand --db 'The database file [default: per platform; `jackbox db path` prints it]'
            cand --json 'Print the API''s JSON instead of tables'
            cand -q 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand --quiet 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'jackbox;catalog;pack;enable'= {
            cand --db 'The database file [default: per platform; `jackbox db path` prints it]'
            cand --json 'Print the API''s JSON instead of tables'
            cand -q 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand --quiet 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'jackbox;catalog;pack;disable'= {
            cand --db 'The database file [default: per platform; `jackbox db path` prints it]'
            cand --json 'Print the API''s JSON instead of tables'
            cand -q 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand --quiet 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'jackbox;catalog;pack;favor'= {
            cand --db 'The database file [default: per platform; `jackbox db path` prints it]'
            cand --json 'Print the API''s JSON instead of tables'
            cand -q 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand --quiet 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'jackbox;catalog;pack;help'= {
            cand list 'List packs with their flags and counts'
            cand enable 'Enable picking from a pack'
            cand disable 'Disable picking from a pack'
            cand favor 'Set a pack''s favor: -1, 0 or 1'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'jackbox;catalog;pack;help;list'= {
        }
        &'jackbox;catalog;pack;help;enable'= {
        }
        &'jackbox;catalog;pack;help;disable'= {
        }
        &'jackbox;catalog;pack;help;favor'= {
        }
        &'jackbox;catalog;pack;help;help'= {
        }
        &'jackbox;catalog;import'= {
            cand --db 'The database file [default: per platform; `jackbox db path` prints it]'
            cand --replace 'Replace the catalog (games used in sessions are kept and updated)'
            cand --json 'Print the API''s JSON instead of tables'
            cand -q 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand --quiet 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'jackbox;catalog;export'= {
            cand -o 'Write to FILE instead of stdout (`-` is stdout)'
            cand --output 'Write to FILE instead of stdout (`-` is stdout)'
            cand --db 'The database file [default: per platform; `jackbox db path` prints it]'
            cand --json 'Print the API''s JSON instead of tables'
            cand -q 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand --quiet 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'jackbox;catalog;help'= {
            cand list 'List games, by pack then title'
            cand show 'Show one game'
            cand add 'Add a game'
            cand edit 'Edit a game''s fields'
            cand remove 'Delete a game (refused for games used in a session; disable it instead)'
            cand enable 'Enable a game for the picker'
            cand disable 'Disable a game for the picker'
            cand favor 'Set a game''s favor: -1, 0 or 1'
            cand pack 'Packs: list, enable, disable, favor'
            cand import 'Import games from CSV (append, or replace the catalog)'
            cand export 'Export the catalog as CSV (stdout by default)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'jackbox;catalog;help;list'= {
        }
        &'jackbox;catalog;help;show'= {
        }
        &'jackbox;catalog;help;add'= {
        }
        &'jackbox;catalog;help;edit'= {
        }
        &'jackbox;catalog;help;remove'= {
        }
        &'jackbox;catalog;help;enable'= {
        }
        &'jackbox;catalog;help;disable'= {
        }
        &'jackbox;catalog;help;favor'= {
        }
        &'jackbox;catalog;help;pack'= {
            cand list 'List packs with their flags and counts'
            cand enable 'Enable picking from a pack'
            cand disable 'Disable picking from a pack'
            cand favor 'Set a pack''s favor: -1, 0 or 1'
        }
        &'jackbox;catalog;help;pack;list'= {
        }
        &'jackbox;catalog;help;pack;enable'= {
        }
        &'jackbox;catalog;help;pack;disable'= {
        }
        &'jackbox;catalog;help;pack;favor'= {
        }
        &'jackbox;catalog;help;import'= {
        }
        &'jackbox;catalog;help;export'= {
        }
        &'jackbox;catalog;help;help'= {
        }
        &'jackbox;webhook'= {
            cand --db 'The database file [default: per platform; `jackbox db path` prints it]'
            cand --json 'Print the API''s JSON instead of tables'
            cand -q 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand --quiet 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand list 'List webhooks'
            cand add 'Register a receiver: it gets a signed POST for each chosen event'
            cand edit 'Change a webhook'
            cand remove 'Delete a webhook with its queue and logs'
            cand test 'Send a `test` event now and show the receiver''s answer'
            cand logs 'Show delivery attempts, newest first'
            cand flush 'Attempt every pending delivery once, then exit (for cron when no daemon runs)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'jackbox;webhook;list'= {
            cand --db 'The database file [default: per platform; `jackbox db path` prints it]'
            cand --json 'Print the API''s JSON instead of tables'
            cand -q 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand --quiet 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'jackbox;webhook;add'= {
            cand --url 'The URL as an option (the form older scripts use)'
            cand --name 'name'
            cand --secret 'Shared secret for the X-Webhook-Signature HMAC (never shown again; not needed with --format discord)'
            cand --event 'An event name (repeatable, or several after one --event), e.g. game.added'
            cand --format 'json: the signed event; discord: a Discord webhook message (URL from the channel''s Integrations → Webhooks)'
            cand --db 'The database file [default: per platform; `jackbox db path` prints it]'
            cand --json 'Print the API''s JSON instead of tables'
            cand -q 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand --quiet 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'jackbox;webhook;edit'= {
            cand --name 'name'
            cand --url 'url'
            cand --secret 'secret'
            cand --event 'Replace the event list (repeatable)'
            cand --db 'The database file [default: per platform; `jackbox db path` prints it]'
            cand --enable 'Start delivering again'
            cand --disable 'Stop delivering (queued deliveries wait until re-enabled)'
            cand --json 'Print the API''s JSON instead of tables'
            cand -q 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand --quiet 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'jackbox;webhook;remove'= {
            cand --db 'The database file [default: per platform; `jackbox db path` prints it]'
            cand --json 'Print the API''s JSON instead of tables'
            cand -q 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand --quiet 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'jackbox;webhook;test'= {
            cand --db 'The database file [default: per platform; `jackbox db path` prints it]'
            cand --json 'Print the API''s JSON instead of tables'
            cand -q 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand --quiet 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'jackbox;webhook;logs'= {
            cand --limit 'Show at most N attempts'
            cand --db 'The database file [default: per platform; `jackbox db path` prints it]'
            cand --json 'Print the API''s JSON instead of tables'
            cand -q 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand --quiet 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'jackbox;webhook;flush'= {
            cand --db 'The database file [default: per platform; `jackbox db path` prints it]'
            cand --json 'Print the API''s JSON instead of tables'
            cand -q 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand --quiet 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'jackbox;webhook;help'= {
            cand list 'List webhooks'
            cand add 'Register a receiver: it gets a signed POST for each chosen event'
            cand edit 'Change a webhook'
            cand remove 'Delete a webhook with its queue and logs'
            cand test 'Send a `test` event now and show the receiver''s answer'
            cand logs 'Show delivery attempts, newest first'
            cand flush 'Attempt every pending delivery once, then exit (for cron when no daemon runs)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'jackbox;webhook;help;list'= {
        }
        &'jackbox;webhook;help;add'= {
        }
        &'jackbox;webhook;help;edit'= {
        }
        &'jackbox;webhook;help;remove'= {
        }
        &'jackbox;webhook;help;test'= {
        }
        &'jackbox;webhook;help;logs'= {
        }
        &'jackbox;webhook;help;flush'= {
        }
        &'jackbox;webhook;help;help'= {
        }
        &'jackbox;auth'= {
            cand --db 'The database file [default: per platform; `jackbox db path` prints it]'
            cand --json 'Print the API''s JSON instead of tables'
            cand -q 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand --quiet 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand set-key 'Set the legacy admin key (name `admin`) used by `POST /api/auth/login` (read from stdin unless --key or --generate)'
            cand admin 'Named admins: add, list, remove, rotate (each logs in with their own key)'
            cand token 'Mint an API token (admin, or read-only with --viewer); `token list`, `token revoke ID`'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'jackbox;auth;set-key'= {
            cand --key 'The key (prefer stdin: options show up in the process list)'
            cand --db 'The database file [default: per platform; `jackbox db path` prints it]'
            cand --generate 'Generate a new random key and print it once'
            cand --json 'Print the API''s JSON instead of tables'
            cand -q 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand --quiet 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'jackbox;auth;admin'= {
            cand --db 'The database file [default: per platform; `jackbox db path` prints it]'
            cand --json 'Print the API''s JSON instead of tables'
            cand -q 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand --quiet 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand add 'Add an admin; prints a new random key once (or reads one with --key-stdin)'
            cand list 'List the admins that can log in (database, admins file, legacy key)'
            cand remove 'Remove an admin: their tokens (and the tokens they minted) stop working at once'
            cand rotate 'Give an admin a new key: their tokens stop working at once'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'jackbox;auth;admin;add'= {
            cand --db 'The database file [default: per platform; `jackbox db path` prints it]'
            cand --key-stdin 'Read the key (at least 16 characters) from stdin instead of generating one'
            cand --json 'Print the API''s JSON instead of tables'
            cand -q 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand --quiet 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'jackbox;auth;admin;list'= {
            cand --db 'The database file [default: per platform; `jackbox db path` prints it]'
            cand --json 'Print the API''s JSON instead of tables'
            cand -q 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand --quiet 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'jackbox;auth;admin;remove'= {
            cand --db 'The database file [default: per platform; `jackbox db path` prints it]'
            cand --json 'Print the API''s JSON instead of tables'
            cand -q 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand --quiet 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'jackbox;auth;admin;rotate'= {
            cand --db 'The database file [default: per platform; `jackbox db path` prints it]'
            cand --key-stdin 'Read the new key (at least 16 characters) from stdin instead of generating one'
            cand --json 'Print the API''s JSON instead of tables'
            cand -q 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand --quiet 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'jackbox;auth;admin;help'= {
            cand add 'Add an admin; prints a new random key once (or reads one with --key-stdin)'
            cand list 'List the admins that can log in (database, admins file, legacy key)'
            cand remove 'Remove an admin: their tokens (and the tokens they minted) stop working at once'
            cand rotate 'Give an admin a new key: their tokens stop working at once'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'jackbox;auth;admin;help;add'= {
        }
        &'jackbox;auth;admin;help;list'= {
        }
        &'jackbox;auth;admin;help;remove'= {
        }
        &'jackbox;auth;admin;help;rotate'= {
        }
        &'jackbox;auth;admin;help;help'= {
        }
        &'jackbox;auth;token'= {
            cand --name 'What the token is for (shown in `token list` and the audit log)'
            cand --ttl 'Lifetime: e.g. 30m, 24h, 90d, or seconds [default: 24h, viewer 90d]'
            cand --db 'The database file [default: per platform; `jackbox db path` prints it]'
            cand --viewer 'A read-only token (role viewer) for an overlay, a bot or a dashboard'
            cand --json 'Print the API''s JSON instead of tables'
            cand -q 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand --quiet 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand list 'List minted tokens (never the tokens themselves)'
            cand revoke 'Revoke a token at once (also on open WebSocket connections)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'jackbox;auth;token;list'= {
            cand --db 'The database file [default: per platform; `jackbox db path` prints it]'
            cand --json 'Print the API''s JSON instead of tables'
            cand -q 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand --quiet 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'jackbox;auth;token;revoke'= {
            cand --db 'The database file [default: per platform; `jackbox db path` prints it]'
            cand --json 'Print the API''s JSON instead of tables'
            cand -q 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand --quiet 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'jackbox;auth;token;help'= {
            cand list 'List minted tokens (never the tokens themselves)'
            cand revoke 'Revoke a token at once (also on open WebSocket connections)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'jackbox;auth;token;help;list'= {
        }
        &'jackbox;auth;token;help;revoke'= {
        }
        &'jackbox;auth;token;help;help'= {
        }
        &'jackbox;auth;help'= {
            cand set-key 'Set the legacy admin key (name `admin`) used by `POST /api/auth/login` (read from stdin unless --key or --generate)'
            cand admin 'Named admins: add, list, remove, rotate (each logs in with their own key)'
            cand token 'Mint an API token (admin, or read-only with --viewer); `token list`, `token revoke ID`'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'jackbox;auth;help;set-key'= {
        }
        &'jackbox;auth;help;admin'= {
            cand add 'Add an admin; prints a new random key once (or reads one with --key-stdin)'
            cand list 'List the admins that can log in (database, admins file, legacy key)'
            cand remove 'Remove an admin: their tokens (and the tokens they minted) stop working at once'
            cand rotate 'Give an admin a new key: their tokens stop working at once'
        }
        &'jackbox;auth;help;admin;add'= {
        }
        &'jackbox;auth;help;admin;list'= {
        }
        &'jackbox;auth;help;admin;remove'= {
        }
        &'jackbox;auth;help;admin;rotate'= {
        }
        &'jackbox;auth;help;token'= {
            cand list 'List minted tokens (never the tokens themselves)'
            cand revoke 'Revoke a token at once (also on open WebSocket connections)'
        }
        &'jackbox;auth;help;token;list'= {
        }
        &'jackbox;auth;help;token;revoke'= {
        }
        &'jackbox;auth;help;help'= {
        }
        &'jackbox;audit'= {
            cand --actor 'Only this actor (`alice`, `cli:sam`)'
            cand --action 'Only this action (`session.create`), or a family (`game`)'
            cand --limit 'At most N entries (1-1000)'
            cand --before 'Only entries older than entry ID (paging)'
            cand --db 'The database file [default: per platform; `jackbox db path` prints it]'
            cand --json 'Print the API''s JSON instead of tables'
            cand -q 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand --quiet 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'jackbox;db'= {
            cand --db 'The database file [default: per platform; `jackbox db path` prints it]'
            cand --json 'Print the API''s JSON instead of tables'
            cand -q 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand --quiet 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand path 'Print the database file in use (--db, else JACKBOX_DB, else the platform''s default)'
            cand backup 'Write a consistent copy of the database to PATH (safe while the daemon runs)'
            cand restore 'Replace the database with a backup (the current file is kept aside)'
            cand check 'Check the whole file (PRAGMA integrity_check); exit 1 when it is damaged'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'jackbox;db;path'= {
            cand --db 'The database file [default: per platform; `jackbox db path` prints it]'
            cand --json 'Print the API''s JSON instead of tables'
            cand -q 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand --quiet 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'jackbox;db;backup'= {
            cand --db 'The database file [default: per platform; `jackbox db path` prints it]'
            cand --json 'Print the API''s JSON instead of tables'
            cand -q 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand --quiet 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'jackbox;db;restore'= {
            cand --db 'The database file [default: per platform; `jackbox db path` prints it]'
            cand --json 'Print the API''s JSON instead of tables'
            cand -q 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand --quiet 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'jackbox;db;check'= {
            cand --db 'The database file [default: per platform; `jackbox db path` prints it]'
            cand --json 'Print the API''s JSON instead of tables'
            cand -q 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand --quiet 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'jackbox;db;help'= {
            cand path 'Print the database file in use (--db, else JACKBOX_DB, else the platform''s default)'
            cand backup 'Write a consistent copy of the database to PATH (safe while the daemon runs)'
            cand restore 'Replace the database with a backup (the current file is kept aside)'
            cand check 'Check the whole file (PRAGMA integrity_check); exit 1 when it is damaged'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'jackbox;db;help;path'= {
        }
        &'jackbox;db;help;backup'= {
        }
        &'jackbox;db;help;restore'= {
        }
        &'jackbox;db;help;check'= {
        }
        &'jackbox;db;help;help'= {
        }
        &'jackbox;stats'= {
            cand --db 'The database file [default: per platform; `jackbox db path` prints it]'
            cand --json 'Print the API''s JSON instead of tables'
            cand -q 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand --quiet 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'jackbox;serve'= {
            cand --bind 'Address to listen on'
            cand --cors-origin 'Allow a browser front end at ORIGIN (repeatable; `*` allows any)'
            cand --ecast-url 'Base URL of the Jackbox lobby server (room monitor)'
            cand --import-limit-mb 'Largest chat-import body accepted, in MiB (other routes: 1 MiB)'
            cand --max-connections 'Client connections served at once, WebSockets included; beyond it a new connection gets `503 {"error": "Server busy: …"}` [default: 16384, or the open-files limit less 64]'
            cand --audit-retention-days 'Delete audit log entries older than this many days'
            cand --backup-dir 'Write a backup of the database into DIR at start (when the newest there is over a day old) and then daily, keeping the newest --backup-keep'
            cand --backup-keep 'Daily backups to keep in --backup-dir'
            cand --twitch 'Read these Twitch channels'' chat, comma-separated (replaces the stored chat sources)'
            cand --youtube 'Read this YouTube live stream''s chat, by video id or URL (key in JACKBOX_YOUTUBE_API_KEY; replaces the stored chat sources)'
            cand --twitch-bot 'Reply in Twitch chat as this bot account (its token in JACKBOX_TWITCH_TOKEN): announces polls and their winners, answers !game and !votes'
            cand --twitch-bot-room-code 'Whether the bot''s !game answer gives the room code (hidden: keep it off the stream)'
            cand --twitch-bot-limit 'Messages the bot sends per 30 s at most (Twitch: 20 for an ordinary account, 100 when it is a moderator or VIP of every channel it is in)'
            cand --log-format 'Log format on stderr'
            cand --db 'The database file [default: per platform; `jackbox db path` prints it]'
            cand --json 'Print the API''s JSON instead of tables'
            cand -q 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand --quiet 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'jackbox;completions'= {
            cand --db 'The database file [default: per platform; `jackbox db path` prints it]'
            cand --json 'Print the API''s JSON instead of tables'
            cand -q 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand --quiet 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'jackbox;help'= {
            cand session 'Game nights: list, show, create, close, delete, export'
            cand game 'Games of a session: add, list, status, room code, player count, monitor'
            cand chat 'Import a chat log and count its votes'
            cand vote 'Record one live vote for the game being played'
            cand votes 'Vote history and per-game totals'
            cand pick 'Pick a game to play next (weighted random)'
            cand poll 'Chat polls: open one, record votes, show, close (the winner is lined up), cancel'
            cand catalog 'The games catalog: list, show, add, edit, remove, enable, favor, packs, CSV'
            cand webhook 'Webhooks: register receivers, test, read logs, flush pending deliveries'
            cand auth 'Admins, the admin key and API tokens'
            cand audit 'The audit log: who changed what, newest first'
            cand db 'The database file: where it is, backup, restore, integrity check'
            cand stats 'Totals and rankings'
            cand serve 'Run the HTTP + WebSocket daemon'
            cand completions 'Print a shell completion script'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'jackbox;help;session'= {
            cand list 'List all sessions, newest first, with the number of games played'
            cand active 'Show the active session (prints "No active session" when there is none)'
            cand show 'Show one session'
            cand create 'Start a game night (only one session can be active at a time)'
            cand close 'Close a session: its playing game becomes played, its room monitors stop'
            cand reopen 'Reopen a closed session (undo a close); refused while another session is active'
            cand delete 'Delete a closed session with its games, chat log and votes'
            cand export 'Export a session as a TXT report or a JSON document (stdout by default), or every session into a folder (--all)'
        }
        &'jackbox;help;session;list'= {
        }
        &'jackbox;help;session;active'= {
        }
        &'jackbox;help;session;show'= {
        }
        &'jackbox;help;session;create'= {
        }
        &'jackbox;help;session;close'= {
        }
        &'jackbox;help;session;reopen'= {
        }
        &'jackbox;help;session;delete'= {
        }
        &'jackbox;help;session;export'= {
        }
        &'jackbox;help;game'= {
            cand add 'Add a game to a session (default: the active one); it becomes the one playing'
            cand list 'List the games of a session (default: the active one)'
            cand show 'Show one session game'
            cand status 'Set a status: playing, played or skipped'
            cand room-code 'Set the room code (restarts a running room monitor on the new code)'
            cand player-count 'Set the player count by hand'
            cand remove 'Remove a game from its session (its play count goes down by one)'
            cand select 'Line a game up next in a session (the session''s selection)'
            cand dismiss 'Clear the session''s selection'
            cand selection 'Show the game lined up next in a session'
            cand monitor 'Start or stop watching the game''s Jackbox room for players'
        }
        &'jackbox;help;game;add'= {
        }
        &'jackbox;help;game;list'= {
        }
        &'jackbox;help;game;show'= {
        }
        &'jackbox;help;game;status'= {
        }
        &'jackbox;help;game;room-code'= {
        }
        &'jackbox;help;game;player-count'= {
        }
        &'jackbox;help;game;remove'= {
        }
        &'jackbox;help;game;select'= {
        }
        &'jackbox;help;game;dismiss'= {
        }
        &'jackbox;help;game;selection'= {
        }
        &'jackbox;help;game;monitor'= {
        }
        &'jackbox;help;chat'= {
            cand import 'Import a chat log (FILE, or - for stdin) and count its votes'
            cand follow 'Follow a chat client''s live log as it is written and count its votes (no daemon needed; runs until interrupted)'
            cand status 'Show the daemon''s live chat sources (Twitch channels, YouTube streams) and their state'
        }
        &'jackbox;help;chat;import'= {
        }
        &'jackbox;help;chat;follow'= {
        }
        &'jackbox;help;chat;status'= {
        }
        &'jackbox;help;vote'= {
            cand up 'An upvote for the game being played in the active session'
            cand down 'A downvote for the game being played in the active session'
        }
        &'jackbox;help;vote;up'= {
        }
        &'jackbox;help;vote;down'= {
        }
        &'jackbox;help;votes'= {
            cand list 'Vote history (live and imported chat votes), newest first'
            cand summary 'Per-game vote totals of a session (default: the active one)'
        }
        &'jackbox;help;votes;list'= {
        }
        &'jackbox;help;votes;summary'= {
        }
        &'jackbox;help;pick'= {
        }
        &'jackbox;help;poll'= {
            cand start 'Open a poll: the named games, or games drawn by the picker'
            cand vote 'Record a viewer''s vote in the open poll (a later vote replaces their earlier one)'
            cand show 'Show the open poll, or one poll by ID'
            cand close 'Close the open poll now (or after a countdown): its winning game becomes the session''s selection'
            cand cancel 'Cancel the open poll (no winner, nothing selected)'
            cand list 'List the polls of a session, newest first'
        }
        &'jackbox;help;poll;start'= {
        }
        &'jackbox;help;poll;vote'= {
        }
        &'jackbox;help;poll;show'= {
        }
        &'jackbox;help;poll;close'= {
        }
        &'jackbox;help;poll;cancel'= {
        }
        &'jackbox;help;poll;list'= {
        }
        &'jackbox;help;catalog'= {
            cand list 'List games, by pack then title'
            cand show 'Show one game'
            cand add 'Add a game'
            cand edit 'Edit a game''s fields'
            cand remove 'Delete a game (refused for games used in a session; disable it instead)'
            cand enable 'Enable a game for the picker'
            cand disable 'Disable a game for the picker'
            cand favor 'Set a game''s favor: -1, 0 or 1'
            cand pack 'Packs: list, enable, disable, favor'
            cand import 'Import games from CSV (append, or replace the catalog)'
            cand export 'Export the catalog as CSV (stdout by default)'
        }
        &'jackbox;help;catalog;list'= {
        }
        &'jackbox;help;catalog;show'= {
        }
        &'jackbox;help;catalog;add'= {
        }
        &'jackbox;help;catalog;edit'= {
        }
        &'jackbox;help;catalog;remove'= {
        }
        &'jackbox;help;catalog;enable'= {
        }
        &'jackbox;help;catalog;disable'= {
        }
        &'jackbox;help;catalog;favor'= {
        }
        &'jackbox;help;catalog;pack'= {
            cand list 'List packs with their flags and counts'
            cand enable 'Enable picking from a pack'
            cand disable 'Disable picking from a pack'
            cand favor 'Set a pack''s favor: -1, 0 or 1'
        }
        &'jackbox;help;catalog;pack;list'= {
        }
        &'jackbox;help;catalog;pack;enable'= {
        }
        &'jackbox;help;catalog;pack;disable'= {
        }
        &'jackbox;help;catalog;pack;favor'= {
        }
        &'jackbox;help;catalog;import'= {
        }
        &'jackbox;help;catalog;export'= {
        }
        &'jackbox;help;webhook'= {
            cand list 'List webhooks'
            cand add 'Register a receiver: it gets a signed POST for each chosen event'
            cand edit 'Change a webhook'
            cand remove 'Delete a webhook with its queue and logs'
            cand test 'Send a `test` event now and show the receiver''s answer'
            cand logs 'Show delivery attempts, newest first'
            cand flush 'Attempt every pending delivery once, then exit (for cron when no daemon runs)'
        }
        &'jackbox;help;webhook;list'= {
        }
        &'jackbox;help;webhook;add'= {
        }
        &'jackbox;help;webhook;edit'= {
        }
        &'jackbox;help;webhook;remove'= {
        }
        &'jackbox;help;webhook;test'= {
        }
        &'jackbox;help;webhook;logs'= {
        }
        &'jackbox;help;webhook;flush'= {
        }
        &'jackbox;help;auth'= {
            cand set-key 'Set the legacy admin key (name `admin`) used by `POST /api/auth/login` (read from stdin unless --key or --generate)'
            cand admin 'Named admins: add, list, remove, rotate (each logs in with their own key)'
            cand token 'Mint an API token (admin, or read-only with --viewer); `token list`, `token revoke ID`'
        }
        &'jackbox;help;auth;set-key'= {
        }
        &'jackbox;help;auth;admin'= {
            cand add 'Add an admin; prints a new random key once (or reads one with --key-stdin)'
            cand list 'List the admins that can log in (database, admins file, legacy key)'
            cand remove 'Remove an admin: their tokens (and the tokens they minted) stop working at once'
            cand rotate 'Give an admin a new key: their tokens stop working at once'
        }
        &'jackbox;help;auth;admin;add'= {
        }
        &'jackbox;help;auth;admin;list'= {
        }
        &'jackbox;help;auth;admin;remove'= {
        }
        &'jackbox;help;auth;admin;rotate'= {
        }
        &'jackbox;help;auth;token'= {
            cand list 'List minted tokens (never the tokens themselves)'
            cand revoke 'Revoke a token at once (also on open WebSocket connections)'
        }
        &'jackbox;help;auth;token;list'= {
        }
        &'jackbox;help;auth;token;revoke'= {
        }
        &'jackbox;help;audit'= {
        }
        &'jackbox;help;db'= {
            cand path 'Print the database file in use (--db, else JACKBOX_DB, else the platform''s default)'
            cand backup 'Write a consistent copy of the database to PATH (safe while the daemon runs)'
            cand restore 'Replace the database with a backup (the current file is kept aside)'
            cand check 'Check the whole file (PRAGMA integrity_check); exit 1 when it is damaged'
        }
        &'jackbox;help;db;path'= {
        }
        &'jackbox;help;db;backup'= {
        }
        &'jackbox;help;db;restore'= {
        }
        &'jackbox;help;db;check'= {
        }
        &'jackbox;help;stats'= {
        }
        &'jackbox;help;serve'= {
        }
        &'jackbox;help;completions'= {
        }
        &'jackbox;help;help'= {
        }
    ]
    $completions[$command]
}
