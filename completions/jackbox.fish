# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_jackbox_global_optspecs
    string join \n db= json q/quiet h/help V/version
end

function __fish_jackbox_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_jackbox_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_jackbox_using_subcommand
    set -l cmd (__fish_jackbox_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c jackbox -n "__fish_jackbox_needs_command" -l db -d 'The database file [default: per platform; `jackbox db path` prints it]' -r -F
complete -c jackbox -n "__fish_jackbox_needs_command" -l json -d 'Print the API\'s JSON instead of tables'
complete -c jackbox -n "__fish_jackbox_needs_command" -s q -l quiet -d 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
complete -c jackbox -n "__fish_jackbox_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c jackbox -n "__fish_jackbox_needs_command" -s V -l version -d 'Print version'
complete -c jackbox -n "__fish_jackbox_needs_command" -f -a "session" -d 'Game nights: list, show, create, close, delete, export'
complete -c jackbox -n "__fish_jackbox_needs_command" -f -a "game" -d 'Games of a session: add, list, status, room code, player count, monitor'
complete -c jackbox -n "__fish_jackbox_needs_command" -f -a "chat" -d 'Import a chat log and count its votes'
complete -c jackbox -n "__fish_jackbox_needs_command" -f -a "vote" -d 'Record one live vote for the game being played'
complete -c jackbox -n "__fish_jackbox_needs_command" -f -a "votes" -d 'Vote history and per-game totals'
complete -c jackbox -n "__fish_jackbox_needs_command" -f -a "pick" -d 'Pick a game to play next (weighted random)'
complete -c jackbox -n "__fish_jackbox_needs_command" -f -a "poll" -d 'Chat polls: open one, record votes, show, close (the winner is lined up), cancel'
complete -c jackbox -n "__fish_jackbox_needs_command" -f -a "catalog" -d 'The games catalog: list, show, add, edit, remove, enable, favor, packs, CSV'
complete -c jackbox -n "__fish_jackbox_needs_command" -f -a "webhook" -d 'Webhooks: register receivers, test, read logs, flush pending deliveries'
complete -c jackbox -n "__fish_jackbox_needs_command" -f -a "auth" -d 'Admins, the admin key and API tokens'
complete -c jackbox -n "__fish_jackbox_needs_command" -f -a "audit" -d 'The audit log: who changed what, newest first'
complete -c jackbox -n "__fish_jackbox_needs_command" -f -a "db" -d 'The database file: where it is, backup, restore, integrity check'
complete -c jackbox -n "__fish_jackbox_needs_command" -f -a "stats" -d 'Totals and rankings'
complete -c jackbox -n "__fish_jackbox_needs_command" -f -a "serve" -d 'Run the HTTP + WebSocket daemon'
complete -c jackbox -n "__fish_jackbox_needs_command" -f -a "completions" -d 'Print a shell completion script'
complete -c jackbox -n "__fish_jackbox_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c jackbox -n "__fish_jackbox_using_subcommand session; and not __fish_seen_subcommand_from list active show create close reopen delete export help" -l db -d 'The database file [default: per platform; `jackbox db path` prints it]' -r -F
complete -c jackbox -n "__fish_jackbox_using_subcommand session; and not __fish_seen_subcommand_from list active show create close reopen delete export help" -l json -d 'Print the API\'s JSON instead of tables'
complete -c jackbox -n "__fish_jackbox_using_subcommand session; and not __fish_seen_subcommand_from list active show create close reopen delete export help" -s q -l quiet -d 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
complete -c jackbox -n "__fish_jackbox_using_subcommand session; and not __fish_seen_subcommand_from list active show create close reopen delete export help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c jackbox -n "__fish_jackbox_using_subcommand session; and not __fish_seen_subcommand_from list active show create close reopen delete export help" -s V -l version -d 'Print version'
complete -c jackbox -n "__fish_jackbox_using_subcommand session; and not __fish_seen_subcommand_from list active show create close reopen delete export help" -f -a "list" -d 'List all sessions, newest first, with the number of games played'
complete -c jackbox -n "__fish_jackbox_using_subcommand session; and not __fish_seen_subcommand_from list active show create close reopen delete export help" -f -a "active" -d 'Show the active session (prints "No active session" when there is none)'
complete -c jackbox -n "__fish_jackbox_using_subcommand session; and not __fish_seen_subcommand_from list active show create close reopen delete export help" -f -a "show" -d 'Show one session'
complete -c jackbox -n "__fish_jackbox_using_subcommand session; and not __fish_seen_subcommand_from list active show create close reopen delete export help" -f -a "create" -d 'Start a game night (only one session can be active at a time)'
complete -c jackbox -n "__fish_jackbox_using_subcommand session; and not __fish_seen_subcommand_from list active show create close reopen delete export help" -f -a "close" -d 'Close a session: its playing game becomes played, its room monitors stop'
complete -c jackbox -n "__fish_jackbox_using_subcommand session; and not __fish_seen_subcommand_from list active show create close reopen delete export help" -f -a "reopen" -d 'Reopen a closed session (undo a close); refused while another session is active'
complete -c jackbox -n "__fish_jackbox_using_subcommand session; and not __fish_seen_subcommand_from list active show create close reopen delete export help" -f -a "delete" -d 'Delete a closed session with its games, chat log and votes'
complete -c jackbox -n "__fish_jackbox_using_subcommand session; and not __fish_seen_subcommand_from list active show create close reopen delete export help" -f -a "export" -d 'Export a session as a TXT report or a JSON document (stdout by default), or every session into a folder (--all)'
complete -c jackbox -n "__fish_jackbox_using_subcommand session; and not __fish_seen_subcommand_from list active show create close reopen delete export help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c jackbox -n "__fish_jackbox_using_subcommand session; and __fish_seen_subcommand_from list" -l since -d 'Only sessions started on or after DATE (2026-03-15, or a full ISO time), or with an ID of at least ID' -r
complete -c jackbox -n "__fish_jackbox_using_subcommand session; and __fish_seen_subcommand_from list" -l limit -d 'Show at most N sessions' -r
complete -c jackbox -n "__fish_jackbox_using_subcommand session; and __fish_seen_subcommand_from list" -l offset -d 'Skip the first N sessions (with --limit, to page through a long history)' -r
complete -c jackbox -n "__fish_jackbox_using_subcommand session; and __fish_seen_subcommand_from list" -l db -d 'The database file [default: per platform; `jackbox db path` prints it]' -r -F
complete -c jackbox -n "__fish_jackbox_using_subcommand session; and __fish_seen_subcommand_from list" -l closed -d 'Only closed sessions'
complete -c jackbox -n "__fish_jackbox_using_subcommand session; and __fish_seen_subcommand_from list" -l active -d 'Only the active session'
complete -c jackbox -n "__fish_jackbox_using_subcommand session; and __fish_seen_subcommand_from list" -l json -d 'Print the API\'s JSON instead of tables'
complete -c jackbox -n "__fish_jackbox_using_subcommand session; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
complete -c jackbox -n "__fish_jackbox_using_subcommand session; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c jackbox -n "__fish_jackbox_using_subcommand session; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c jackbox -n "__fish_jackbox_using_subcommand session; and __fish_seen_subcommand_from active" -l db -d 'The database file [default: per platform; `jackbox db path` prints it]' -r -F
complete -c jackbox -n "__fish_jackbox_using_subcommand session; and __fish_seen_subcommand_from active" -l json -d 'Print the API\'s JSON instead of tables'
complete -c jackbox -n "__fish_jackbox_using_subcommand session; and __fish_seen_subcommand_from active" -s q -l quiet -d 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
complete -c jackbox -n "__fish_jackbox_using_subcommand session; and __fish_seen_subcommand_from active" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c jackbox -n "__fish_jackbox_using_subcommand session; and __fish_seen_subcommand_from active" -s V -l version -d 'Print version'
complete -c jackbox -n "__fish_jackbox_using_subcommand session; and __fish_seen_subcommand_from show" -l db -d 'The database file [default: per platform; `jackbox db path` prints it]' -r -F
complete -c jackbox -n "__fish_jackbox_using_subcommand session; and __fish_seen_subcommand_from show" -l json -d 'Print the API\'s JSON instead of tables'
complete -c jackbox -n "__fish_jackbox_using_subcommand session; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
complete -c jackbox -n "__fish_jackbox_using_subcommand session; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c jackbox -n "__fish_jackbox_using_subcommand session; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c jackbox -n "__fish_jackbox_using_subcommand session; and __fish_seen_subcommand_from create" -l notes -d 'Notes, e.g. "Friday game night"' -r
complete -c jackbox -n "__fish_jackbox_using_subcommand session; and __fish_seen_subcommand_from create" -l db -d 'The database file [default: per platform; `jackbox db path` prints it]' -r -F
complete -c jackbox -n "__fish_jackbox_using_subcommand session; and __fish_seen_subcommand_from create" -l json -d 'Print the API\'s JSON instead of tables'
complete -c jackbox -n "__fish_jackbox_using_subcommand session; and __fish_seen_subcommand_from create" -s q -l quiet -d 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
complete -c jackbox -n "__fish_jackbox_using_subcommand session; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c jackbox -n "__fish_jackbox_using_subcommand session; and __fish_seen_subcommand_from create" -s V -l version -d 'Print version'
complete -c jackbox -n "__fish_jackbox_using_subcommand session; and __fish_seen_subcommand_from close" -l notes -d 'Replace the session\'s notes (kept as they are when not given)' -r
complete -c jackbox -n "__fish_jackbox_using_subcommand session; and __fish_seen_subcommand_from close" -l db -d 'The database file [default: per platform; `jackbox db path` prints it]' -r -F
complete -c jackbox -n "__fish_jackbox_using_subcommand session; and __fish_seen_subcommand_from close" -l json -d 'Print the API\'s JSON instead of tables'
complete -c jackbox -n "__fish_jackbox_using_subcommand session; and __fish_seen_subcommand_from close" -s q -l quiet -d 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
complete -c jackbox -n "__fish_jackbox_using_subcommand session; and __fish_seen_subcommand_from close" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c jackbox -n "__fish_jackbox_using_subcommand session; and __fish_seen_subcommand_from close" -s V -l version -d 'Print version'
complete -c jackbox -n "__fish_jackbox_using_subcommand session; and __fish_seen_subcommand_from reopen" -l db -d 'The database file [default: per platform; `jackbox db path` prints it]' -r -F
complete -c jackbox -n "__fish_jackbox_using_subcommand session; and __fish_seen_subcommand_from reopen" -l json -d 'Print the API\'s JSON instead of tables'
complete -c jackbox -n "__fish_jackbox_using_subcommand session; and __fish_seen_subcommand_from reopen" -s q -l quiet -d 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
complete -c jackbox -n "__fish_jackbox_using_subcommand session; and __fish_seen_subcommand_from reopen" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c jackbox -n "__fish_jackbox_using_subcommand session; and __fish_seen_subcommand_from reopen" -s V -l version -d 'Print version'
complete -c jackbox -n "__fish_jackbox_using_subcommand session; and __fish_seen_subcommand_from delete" -l db -d 'The database file [default: per platform; `jackbox db path` prints it]' -r -F
complete -c jackbox -n "__fish_jackbox_using_subcommand session; and __fish_seen_subcommand_from delete" -s y -l yes -d 'Do not ask for confirmation'
complete -c jackbox -n "__fish_jackbox_using_subcommand session; and __fish_seen_subcommand_from delete" -l json -d 'Print the API\'s JSON instead of tables'
complete -c jackbox -n "__fish_jackbox_using_subcommand session; and __fish_seen_subcommand_from delete" -s q -l quiet -d 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
complete -c jackbox -n "__fish_jackbox_using_subcommand session; and __fish_seen_subcommand_from delete" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c jackbox -n "__fish_jackbox_using_subcommand session; and __fish_seen_subcommand_from delete" -s V -l version -d 'Print version'
complete -c jackbox -n "__fish_jackbox_using_subcommand session; and __fish_seen_subcommand_from export" -l format -d 'txt (a readable report) or json [default: txt; json with --json, except with --all]' -r -f -a "json\t''
txt\t''"
complete -c jackbox -n "__fish_jackbox_using_subcommand session; and __fish_seen_subcommand_from export" -s o -l output -d 'Write to FILE instead of stdout (`-` is stdout)' -r -F
complete -c jackbox -n "__fish_jackbox_using_subcommand session; and __fish_seen_subcommand_from export" -l dir -d 'The folder --all writes into (created when missing)' -r -F
complete -c jackbox -n "__fish_jackbox_using_subcommand session; and __fish_seen_subcommand_from export" -l since -d 'With --all: only sessions started on or after DATE (2026-03-15, or a full ISO time), or with an ID of at least ID' -r
complete -c jackbox -n "__fish_jackbox_using_subcommand session; and __fish_seen_subcommand_from export" -l db -d 'The database file [default: per platform; `jackbox db path` prints it]' -r -F
complete -c jackbox -n "__fish_jackbox_using_subcommand session; and __fish_seen_subcommand_from export" -l all -d 'Export every session (or those --since / --closed-only select) into --dir, one file per session, rewriting only the files whose session changed'
complete -c jackbox -n "__fish_jackbox_using_subcommand session; and __fish_seen_subcommand_from export" -l closed-only -d 'With --all: only closed sessions (the active one still changes)'
complete -c jackbox -n "__fish_jackbox_using_subcommand session; and __fish_seen_subcommand_from export" -l force -d 'With --all: rewrite every file, even those whose session has not changed'
complete -c jackbox -n "__fish_jackbox_using_subcommand session; and __fish_seen_subcommand_from export" -l json -d 'Print the API\'s JSON instead of tables'
complete -c jackbox -n "__fish_jackbox_using_subcommand session; and __fish_seen_subcommand_from export" -s q -l quiet -d 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
complete -c jackbox -n "__fish_jackbox_using_subcommand session; and __fish_seen_subcommand_from export" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c jackbox -n "__fish_jackbox_using_subcommand session; and __fish_seen_subcommand_from export" -s V -l version -d 'Print version'
complete -c jackbox -n "__fish_jackbox_using_subcommand session; and __fish_seen_subcommand_from help" -f -a "list" -d 'List all sessions, newest first, with the number of games played'
complete -c jackbox -n "__fish_jackbox_using_subcommand session; and __fish_seen_subcommand_from help" -f -a "active" -d 'Show the active session (prints "No active session" when there is none)'
complete -c jackbox -n "__fish_jackbox_using_subcommand session; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show one session'
complete -c jackbox -n "__fish_jackbox_using_subcommand session; and __fish_seen_subcommand_from help" -f -a "create" -d 'Start a game night (only one session can be active at a time)'
complete -c jackbox -n "__fish_jackbox_using_subcommand session; and __fish_seen_subcommand_from help" -f -a "close" -d 'Close a session: its playing game becomes played, its room monitors stop'
complete -c jackbox -n "__fish_jackbox_using_subcommand session; and __fish_seen_subcommand_from help" -f -a "reopen" -d 'Reopen a closed session (undo a close); refused while another session is active'
complete -c jackbox -n "__fish_jackbox_using_subcommand session; and __fish_seen_subcommand_from help" -f -a "delete" -d 'Delete a closed session with its games, chat log and votes'
complete -c jackbox -n "__fish_jackbox_using_subcommand session; and __fish_seen_subcommand_from help" -f -a "export" -d 'Export a session as a TXT report or a JSON document (stdout by default), or every session into a folder (--all)'
complete -c jackbox -n "__fish_jackbox_using_subcommand session; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c jackbox -n "__fish_jackbox_using_subcommand game; and not __fish_seen_subcommand_from add list show status room-code player-count remove select dismiss selection monitor help" -l db -d 'The database file [default: per platform; `jackbox db path` prints it]' -r -F
complete -c jackbox -n "__fish_jackbox_using_subcommand game; and not __fish_seen_subcommand_from add list show status room-code player-count remove select dismiss selection monitor help" -l json -d 'Print the API\'s JSON instead of tables'
complete -c jackbox -n "__fish_jackbox_using_subcommand game; and not __fish_seen_subcommand_from add list show status room-code player-count remove select dismiss selection monitor help" -s q -l quiet -d 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
complete -c jackbox -n "__fish_jackbox_using_subcommand game; and not __fish_seen_subcommand_from add list show status room-code player-count remove select dismiss selection monitor help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c jackbox -n "__fish_jackbox_using_subcommand game; and not __fish_seen_subcommand_from add list show status room-code player-count remove select dismiss selection monitor help" -s V -l version -d 'Print version'
complete -c jackbox -n "__fish_jackbox_using_subcommand game; and not __fish_seen_subcommand_from add list show status room-code player-count remove select dismiss selection monitor help" -f -a "add" -d 'Add a game to a session (default: the active one); it becomes the one playing'
complete -c jackbox -n "__fish_jackbox_using_subcommand game; and not __fish_seen_subcommand_from add list show status room-code player-count remove select dismiss selection monitor help" -f -a "list" -d 'List the games of a session (default: the active one)'
complete -c jackbox -n "__fish_jackbox_using_subcommand game; and not __fish_seen_subcommand_from add list show status room-code player-count remove select dismiss selection monitor help" -f -a "show" -d 'Show one session game'
complete -c jackbox -n "__fish_jackbox_using_subcommand game; and not __fish_seen_subcommand_from add list show status room-code player-count remove select dismiss selection monitor help" -f -a "status" -d 'Set a status: playing, played or skipped'
complete -c jackbox -n "__fish_jackbox_using_subcommand game; and not __fish_seen_subcommand_from add list show status room-code player-count remove select dismiss selection monitor help" -f -a "room-code" -d 'Set the room code (restarts a running room monitor on the new code)'
complete -c jackbox -n "__fish_jackbox_using_subcommand game; and not __fish_seen_subcommand_from add list show status room-code player-count remove select dismiss selection monitor help" -f -a "player-count" -d 'Set the player count by hand'
complete -c jackbox -n "__fish_jackbox_using_subcommand game; and not __fish_seen_subcommand_from add list show status room-code player-count remove select dismiss selection monitor help" -f -a "remove" -d 'Remove a game from its session (its play count goes down by one)'
complete -c jackbox -n "__fish_jackbox_using_subcommand game; and not __fish_seen_subcommand_from add list show status room-code player-count remove select dismiss selection monitor help" -f -a "select" -d 'Line a game up next in a session (the session\'s selection)'
complete -c jackbox -n "__fish_jackbox_using_subcommand game; and not __fish_seen_subcommand_from add list show status room-code player-count remove select dismiss selection monitor help" -f -a "dismiss" -d 'Clear the session\'s selection'
complete -c jackbox -n "__fish_jackbox_using_subcommand game; and not __fish_seen_subcommand_from add list show status room-code player-count remove select dismiss selection monitor help" -f -a "selection" -d 'Show the game lined up next in a session'
complete -c jackbox -n "__fish_jackbox_using_subcommand game; and not __fish_seen_subcommand_from add list show status room-code player-count remove select dismiss selection monitor help" -f -a "monitor" -d 'Start or stop watching the game\'s Jackbox room for players'
complete -c jackbox -n "__fish_jackbox_using_subcommand game; and not __fish_seen_subcommand_from add list show status room-code player-count remove select dismiss selection monitor help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c jackbox -n "__fish_jackbox_using_subcommand game; and __fish_seen_subcommand_from add" -l session -d 'Session ID [default: the active session]' -r
complete -c jackbox -n "__fish_jackbox_using_subcommand game; and __fish_seen_subcommand_from add" -l room-code -d 'The room code (exactly 4 characters A-Z, 0-9); starts the room monitor' -r
complete -c jackbox -n "__fish_jackbox_using_subcommand game; and __fish_seen_subcommand_from add" -l ecast-url -d 'Jackbox\'s lobby server [default: https://ecast.jackboxgames.com]' -r
complete -c jackbox -n "__fish_jackbox_using_subcommand game; and __fish_seen_subcommand_from add" -l db -d 'The database file [default: per platform; `jackbox db path` prints it]' -r -F
complete -c jackbox -n "__fish_jackbox_using_subcommand game; and __fish_seen_subcommand_from add" -l manual -d 'Mark the game as added by hand (manually_added = 1)'
complete -c jackbox -n "__fish_jackbox_using_subcommand game; and __fish_seen_subcommand_from add" -l json -d 'Print the API\'s JSON instead of tables'
complete -c jackbox -n "__fish_jackbox_using_subcommand game; and __fish_seen_subcommand_from add" -s q -l quiet -d 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
complete -c jackbox -n "__fish_jackbox_using_subcommand game; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c jackbox -n "__fish_jackbox_using_subcommand game; and __fish_seen_subcommand_from add" -s V -l version -d 'Print version'
complete -c jackbox -n "__fish_jackbox_using_subcommand game; and __fish_seen_subcommand_from list" -l session -d 'Session ID [default: the active session]' -r
complete -c jackbox -n "__fish_jackbox_using_subcommand game; and __fish_seen_subcommand_from list" -l db -d 'The database file [default: per platform; `jackbox db path` prints it]' -r -F
complete -c jackbox -n "__fish_jackbox_using_subcommand game; and __fish_seen_subcommand_from list" -l json -d 'Print the API\'s JSON instead of tables'
complete -c jackbox -n "__fish_jackbox_using_subcommand game; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
complete -c jackbox -n "__fish_jackbox_using_subcommand game; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c jackbox -n "__fish_jackbox_using_subcommand game; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c jackbox -n "__fish_jackbox_using_subcommand game; and __fish_seen_subcommand_from show" -l db -d 'The database file [default: per platform; `jackbox db path` prints it]' -r -F
complete -c jackbox -n "__fish_jackbox_using_subcommand game; and __fish_seen_subcommand_from show" -l json -d 'Print the API\'s JSON instead of tables'
complete -c jackbox -n "__fish_jackbox_using_subcommand game; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
complete -c jackbox -n "__fish_jackbox_using_subcommand game; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c jackbox -n "__fish_jackbox_using_subcommand game; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c jackbox -n "__fish_jackbox_using_subcommand game; and __fish_seen_subcommand_from status" -l db -d 'The database file [default: per platform; `jackbox db path` prints it]' -r -F
complete -c jackbox -n "__fish_jackbox_using_subcommand game; and __fish_seen_subcommand_from status" -l json -d 'Print the API\'s JSON instead of tables'
complete -c jackbox -n "__fish_jackbox_using_subcommand game; and __fish_seen_subcommand_from status" -s q -l quiet -d 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
complete -c jackbox -n "__fish_jackbox_using_subcommand game; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c jackbox -n "__fish_jackbox_using_subcommand game; and __fish_seen_subcommand_from status" -s V -l version -d 'Print version'
complete -c jackbox -n "__fish_jackbox_using_subcommand game; and __fish_seen_subcommand_from room-code" -l db -d 'The database file [default: per platform; `jackbox db path` prints it]' -r -F
complete -c jackbox -n "__fish_jackbox_using_subcommand game; and __fish_seen_subcommand_from room-code" -l json -d 'Print the API\'s JSON instead of tables'
complete -c jackbox -n "__fish_jackbox_using_subcommand game; and __fish_seen_subcommand_from room-code" -s q -l quiet -d 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
complete -c jackbox -n "__fish_jackbox_using_subcommand game; and __fish_seen_subcommand_from room-code" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c jackbox -n "__fish_jackbox_using_subcommand game; and __fish_seen_subcommand_from room-code" -s V -l version -d 'Print version'
complete -c jackbox -n "__fish_jackbox_using_subcommand game; and __fish_seen_subcommand_from player-count" -l db -d 'The database file [default: per platform; `jackbox db path` prints it]' -r -F
complete -c jackbox -n "__fish_jackbox_using_subcommand game; and __fish_seen_subcommand_from player-count" -l json -d 'Print the API\'s JSON instead of tables'
complete -c jackbox -n "__fish_jackbox_using_subcommand game; and __fish_seen_subcommand_from player-count" -s q -l quiet -d 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
complete -c jackbox -n "__fish_jackbox_using_subcommand game; and __fish_seen_subcommand_from player-count" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c jackbox -n "__fish_jackbox_using_subcommand game; and __fish_seen_subcommand_from player-count" -s V -l version -d 'Print version'
complete -c jackbox -n "__fish_jackbox_using_subcommand game; and __fish_seen_subcommand_from remove" -l db -d 'The database file [default: per platform; `jackbox db path` prints it]' -r -F
complete -c jackbox -n "__fish_jackbox_using_subcommand game; and __fish_seen_subcommand_from remove" -l json -d 'Print the API\'s JSON instead of tables'
complete -c jackbox -n "__fish_jackbox_using_subcommand game; and __fish_seen_subcommand_from remove" -s q -l quiet -d 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
complete -c jackbox -n "__fish_jackbox_using_subcommand game; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c jackbox -n "__fish_jackbox_using_subcommand game; and __fish_seen_subcommand_from remove" -s V -l version -d 'Print version'
complete -c jackbox -n "__fish_jackbox_using_subcommand game; and __fish_seen_subcommand_from select" -l session -d 'Session ID [default: the active session]' -r
complete -c jackbox -n "__fish_jackbox_using_subcommand game; and __fish_seen_subcommand_from select" -l source -d 'Where the choice came from: manual (default), dice or poll' -r -f -a "dice\t''
manual\t''
poll\t''"
complete -c jackbox -n "__fish_jackbox_using_subcommand game; and __fish_seen_subcommand_from select" -l db -d 'The database file [default: per platform; `jackbox db path` prints it]' -r -F
complete -c jackbox -n "__fish_jackbox_using_subcommand game; and __fish_seen_subcommand_from select" -l json -d 'Print the API\'s JSON instead of tables'
complete -c jackbox -n "__fish_jackbox_using_subcommand game; and __fish_seen_subcommand_from select" -s q -l quiet -d 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
complete -c jackbox -n "__fish_jackbox_using_subcommand game; and __fish_seen_subcommand_from select" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c jackbox -n "__fish_jackbox_using_subcommand game; and __fish_seen_subcommand_from select" -s V -l version -d 'Print version'
complete -c jackbox -n "__fish_jackbox_using_subcommand game; and __fish_seen_subcommand_from dismiss" -l session -d 'Session ID [default: the active session]' -r
complete -c jackbox -n "__fish_jackbox_using_subcommand game; and __fish_seen_subcommand_from dismiss" -l db -d 'The database file [default: per platform; `jackbox db path` prints it]' -r -F
complete -c jackbox -n "__fish_jackbox_using_subcommand game; and __fish_seen_subcommand_from dismiss" -l json -d 'Print the API\'s JSON instead of tables'
complete -c jackbox -n "__fish_jackbox_using_subcommand game; and __fish_seen_subcommand_from dismiss" -s q -l quiet -d 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
complete -c jackbox -n "__fish_jackbox_using_subcommand game; and __fish_seen_subcommand_from dismiss" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c jackbox -n "__fish_jackbox_using_subcommand game; and __fish_seen_subcommand_from dismiss" -s V -l version -d 'Print version'
complete -c jackbox -n "__fish_jackbox_using_subcommand game; and __fish_seen_subcommand_from selection" -l session -d 'Session ID [default: the active session]' -r
complete -c jackbox -n "__fish_jackbox_using_subcommand game; and __fish_seen_subcommand_from selection" -l db -d 'The database file [default: per platform; `jackbox db path` prints it]' -r -F
complete -c jackbox -n "__fish_jackbox_using_subcommand game; and __fish_seen_subcommand_from selection" -l json -d 'Print the API\'s JSON instead of tables'
complete -c jackbox -n "__fish_jackbox_using_subcommand game; and __fish_seen_subcommand_from selection" -s q -l quiet -d 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
complete -c jackbox -n "__fish_jackbox_using_subcommand game; and __fish_seen_subcommand_from selection" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c jackbox -n "__fish_jackbox_using_subcommand game; and __fish_seen_subcommand_from selection" -s V -l version -d 'Print version'
complete -c jackbox -n "__fish_jackbox_using_subcommand game; and __fish_seen_subcommand_from monitor" -l ecast-url -d 'Jackbox\'s lobby server [default: https://ecast.jackboxgames.com]' -r
complete -c jackbox -n "__fish_jackbox_using_subcommand game; and __fish_seen_subcommand_from monitor" -l db -d 'The database file [default: per platform; `jackbox db path` prints it]' -r -F
complete -c jackbox -n "__fish_jackbox_using_subcommand game; and __fish_seen_subcommand_from monitor" -l foreground -d 'Run the monitor in this terminal, printing each event, until the game ends'
complete -c jackbox -n "__fish_jackbox_using_subcommand game; and __fish_seen_subcommand_from monitor" -l json -d 'Print the API\'s JSON instead of tables'
complete -c jackbox -n "__fish_jackbox_using_subcommand game; and __fish_seen_subcommand_from monitor" -s q -l quiet -d 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
complete -c jackbox -n "__fish_jackbox_using_subcommand game; and __fish_seen_subcommand_from monitor" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c jackbox -n "__fish_jackbox_using_subcommand game; and __fish_seen_subcommand_from monitor" -s V -l version -d 'Print version'
complete -c jackbox -n "__fish_jackbox_using_subcommand game; and __fish_seen_subcommand_from help" -f -a "add" -d 'Add a game to a session (default: the active one); it becomes the one playing'
complete -c jackbox -n "__fish_jackbox_using_subcommand game; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the games of a session (default: the active one)'
complete -c jackbox -n "__fish_jackbox_using_subcommand game; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show one session game'
complete -c jackbox -n "__fish_jackbox_using_subcommand game; and __fish_seen_subcommand_from help" -f -a "status" -d 'Set a status: playing, played or skipped'
complete -c jackbox -n "__fish_jackbox_using_subcommand game; and __fish_seen_subcommand_from help" -f -a "room-code" -d 'Set the room code (restarts a running room monitor on the new code)'
complete -c jackbox -n "__fish_jackbox_using_subcommand game; and __fish_seen_subcommand_from help" -f -a "player-count" -d 'Set the player count by hand'
complete -c jackbox -n "__fish_jackbox_using_subcommand game; and __fish_seen_subcommand_from help" -f -a "remove" -d 'Remove a game from its session (its play count goes down by one)'
complete -c jackbox -n "__fish_jackbox_using_subcommand game; and __fish_seen_subcommand_from help" -f -a "select" -d 'Line a game up next in a session (the session\'s selection)'
complete -c jackbox -n "__fish_jackbox_using_subcommand game; and __fish_seen_subcommand_from help" -f -a "dismiss" -d 'Clear the session\'s selection'
complete -c jackbox -n "__fish_jackbox_using_subcommand game; and __fish_seen_subcommand_from help" -f -a "selection" -d 'Show the game lined up next in a session'
complete -c jackbox -n "__fish_jackbox_using_subcommand game; and __fish_seen_subcommand_from help" -f -a "monitor" -d 'Start or stop watching the game\'s Jackbox room for players'
complete -c jackbox -n "__fish_jackbox_using_subcommand game; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c jackbox -n "__fish_jackbox_using_subcommand chat; and not __fish_seen_subcommand_from import follow status help" -l db -d 'The database file [default: per platform; `jackbox db path` prints it]' -r -F
complete -c jackbox -n "__fish_jackbox_using_subcommand chat; and not __fish_seen_subcommand_from import follow status help" -l json -d 'Print the API\'s JSON instead of tables'
complete -c jackbox -n "__fish_jackbox_using_subcommand chat; and not __fish_seen_subcommand_from import follow status help" -s q -l quiet -d 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
complete -c jackbox -n "__fish_jackbox_using_subcommand chat; and not __fish_seen_subcommand_from import follow status help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c jackbox -n "__fish_jackbox_using_subcommand chat; and not __fish_seen_subcommand_from import follow status help" -s V -l version -d 'Print version'
complete -c jackbox -n "__fish_jackbox_using_subcommand chat; and not __fish_seen_subcommand_from import follow status help" -f -a "import" -d 'Import a chat log (FILE, or - for stdin) and count its votes'
complete -c jackbox -n "__fish_jackbox_using_subcommand chat; and not __fish_seen_subcommand_from import follow status help" -f -a "follow" -d 'Follow a chat client\'s live log as it is written and count its votes (no daemon needed; runs until interrupted)'
complete -c jackbox -n "__fish_jackbox_using_subcommand chat; and not __fish_seen_subcommand_from import follow status help" -f -a "status" -d 'Show the daemon\'s live chat sources (Twitch channels, YouTube streams) and their state'
complete -c jackbox -n "__fish_jackbox_using_subcommand chat; and not __fish_seen_subcommand_from import follow status help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c jackbox -n "__fish_jackbox_using_subcommand chat; and __fish_seen_subcommand_from import" -l session -d 'Session ID [default: the active session]' -r
complete -c jackbox -n "__fish_jackbox_using_subcommand chat; and __fish_seen_subcommand_from import" -l format -d 'The log\'s format' -r -f -a "auto\t''
json\t''
twitchdownloader\t''
chatterino\t''
irc\t''
ytdlp\t''
chat-downloader\t''"
complete -c jackbox -n "__fish_jackbox_using_subcommand chat; and __fish_seen_subcommand_from import" -l utc-offset -d 'Local time of Chatterino and IRC logs as an offset from UTC [default: the header\'s zone, else UTC]' -r
complete -c jackbox -n "__fish_jackbox_using_subcommand chat; and __fish_seen_subcommand_from import" -l date -d 'Date of a text log\'s first lines when neither its lines nor its file name carry one' -r
complete -c jackbox -n "__fish_jackbox_using_subcommand chat; and __fish_seen_subcommand_from import" -l db -d 'The database file [default: per platform; `jackbox db path` prints it]' -r -F
complete -c jackbox -n "__fish_jackbox_using_subcommand chat; and __fish_seen_subcommand_from import" -l json -d 'Print the API\'s JSON instead of tables'
complete -c jackbox -n "__fish_jackbox_using_subcommand chat; and __fish_seen_subcommand_from import" -s q -l quiet -d 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
complete -c jackbox -n "__fish_jackbox_using_subcommand chat; and __fish_seen_subcommand_from import" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c jackbox -n "__fish_jackbox_using_subcommand chat; and __fish_seen_subcommand_from import" -s V -l version -d 'Print version'
complete -c jackbox -n "__fish_jackbox_using_subcommand chat; and __fish_seen_subcommand_from follow" -l format -d 'The log\'s format' -r -f -a "auto\t''
chatterino\t''
irc\t''
ytdlp\t''
chat-downloader\t''"
complete -c jackbox -n "__fish_jackbox_using_subcommand chat; and __fish_seen_subcommand_from follow" -l channel -d 'The channel named in the audit log (chat:file:CHANNEL) [default: from the file name]' -r
complete -c jackbox -n "__fish_jackbox_using_subcommand chat; and __fish_seen_subcommand_from follow" -l utc-offset -d 'Local time of Chatterino logs as an offset from UTC [default: the header\'s zone]' -r
complete -c jackbox -n "__fish_jackbox_using_subcommand chat; and __fish_seen_subcommand_from follow" -l ignore -d 'Accounts whose messages never count, comma-separated (replaces the default list of common bots; "" ignores nobody) [env: JACKBOX_CHAT_IGNORE]' -r
complete -c jackbox -n "__fish_jackbox_using_subcommand chat; and __fish_seen_subcommand_from follow" -l db -d 'The database file [default: per platform; `jackbox db path` prints it]' -r -F
complete -c jackbox -n "__fish_jackbox_using_subcommand chat; and __fish_seen_subcommand_from follow" -l from-start -d 'Count the messages already in the file too (default: only new ones)'
complete -c jackbox -n "__fish_jackbox_using_subcommand chat; and __fish_seen_subcommand_from follow" -l no-bare-numbers -d 'A message that is only a number 1-7 is not a poll vote'
complete -c jackbox -n "__fish_jackbox_using_subcommand chat; and __fish_seen_subcommand_from follow" -l json -d 'Print the API\'s JSON instead of tables'
complete -c jackbox -n "__fish_jackbox_using_subcommand chat; and __fish_seen_subcommand_from follow" -s q -l quiet -d 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
complete -c jackbox -n "__fish_jackbox_using_subcommand chat; and __fish_seen_subcommand_from follow" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c jackbox -n "__fish_jackbox_using_subcommand chat; and __fish_seen_subcommand_from follow" -s V -l version -d 'Print version'
complete -c jackbox -n "__fish_jackbox_using_subcommand chat; and __fish_seen_subcommand_from status" -l db -d 'The database file [default: per platform; `jackbox db path` prints it]' -r -F
complete -c jackbox -n "__fish_jackbox_using_subcommand chat; and __fish_seen_subcommand_from status" -l json -d 'Print the API\'s JSON instead of tables'
complete -c jackbox -n "__fish_jackbox_using_subcommand chat; and __fish_seen_subcommand_from status" -s q -l quiet -d 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
complete -c jackbox -n "__fish_jackbox_using_subcommand chat; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c jackbox -n "__fish_jackbox_using_subcommand chat; and __fish_seen_subcommand_from status" -s V -l version -d 'Print version'
complete -c jackbox -n "__fish_jackbox_using_subcommand chat; and __fish_seen_subcommand_from help" -f -a "import" -d 'Import a chat log (FILE, or - for stdin) and count its votes'
complete -c jackbox -n "__fish_jackbox_using_subcommand chat; and __fish_seen_subcommand_from help" -f -a "follow" -d 'Follow a chat client\'s live log as it is written and count its votes (no daemon needed; runs until interrupted)'
complete -c jackbox -n "__fish_jackbox_using_subcommand chat; and __fish_seen_subcommand_from help" -f -a "status" -d 'Show the daemon\'s live chat sources (Twitch channels, YouTube streams) and their state'
complete -c jackbox -n "__fish_jackbox_using_subcommand chat; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c jackbox -n "__fish_jackbox_using_subcommand vote; and not __fish_seen_subcommand_from up down help" -l db -d 'The database file [default: per platform; `jackbox db path` prints it]' -r -F
complete -c jackbox -n "__fish_jackbox_using_subcommand vote; and not __fish_seen_subcommand_from up down help" -l json -d 'Print the API\'s JSON instead of tables'
complete -c jackbox -n "__fish_jackbox_using_subcommand vote; and not __fish_seen_subcommand_from up down help" -s q -l quiet -d 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
complete -c jackbox -n "__fish_jackbox_using_subcommand vote; and not __fish_seen_subcommand_from up down help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c jackbox -n "__fish_jackbox_using_subcommand vote; and not __fish_seen_subcommand_from up down help" -s V -l version -d 'Print version'
complete -c jackbox -n "__fish_jackbox_using_subcommand vote; and not __fish_seen_subcommand_from up down help" -f -a "up" -d 'An upvote for the game being played in the active session'
complete -c jackbox -n "__fish_jackbox_using_subcommand vote; and not __fish_seen_subcommand_from up down help" -f -a "down" -d 'A downvote for the game being played in the active session'
complete -c jackbox -n "__fish_jackbox_using_subcommand vote; and not __fish_seen_subcommand_from up down help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c jackbox -n "__fish_jackbox_using_subcommand vote; and __fish_seen_subcommand_from up" -l user -d 'The viewer\'s name' -r
complete -c jackbox -n "__fish_jackbox_using_subcommand vote; and __fish_seen_subcommand_from up" -l at -d 'When the vote was cast (ISO 8601 or epoch seconds/ms) [default: now]' -r
complete -c jackbox -n "__fish_jackbox_using_subcommand vote; and __fish_seen_subcommand_from up" -l ticker -d 'Vote for the game with this ticker (e.g. QPL3), whatever is being played' -r
complete -c jackbox -n "__fish_jackbox_using_subcommand vote; and __fish_seen_subcommand_from up" -l db -d 'The database file [default: per platform; `jackbox db path` prints it]' -r -F
complete -c jackbox -n "__fish_jackbox_using_subcommand vote; and __fish_seen_subcommand_from up" -l json -d 'Print the API\'s JSON instead of tables'
complete -c jackbox -n "__fish_jackbox_using_subcommand vote; and __fish_seen_subcommand_from up" -s q -l quiet -d 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
complete -c jackbox -n "__fish_jackbox_using_subcommand vote; and __fish_seen_subcommand_from up" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c jackbox -n "__fish_jackbox_using_subcommand vote; and __fish_seen_subcommand_from up" -s V -l version -d 'Print version'
complete -c jackbox -n "__fish_jackbox_using_subcommand vote; and __fish_seen_subcommand_from down" -l user -d 'The viewer\'s name' -r
complete -c jackbox -n "__fish_jackbox_using_subcommand vote; and __fish_seen_subcommand_from down" -l at -d 'When the vote was cast (ISO 8601 or epoch seconds/ms) [default: now]' -r
complete -c jackbox -n "__fish_jackbox_using_subcommand vote; and __fish_seen_subcommand_from down" -l ticker -d 'Vote for the game with this ticker (e.g. QPL3), whatever is being played' -r
complete -c jackbox -n "__fish_jackbox_using_subcommand vote; and __fish_seen_subcommand_from down" -l db -d 'The database file [default: per platform; `jackbox db path` prints it]' -r -F
complete -c jackbox -n "__fish_jackbox_using_subcommand vote; and __fish_seen_subcommand_from down" -l json -d 'Print the API\'s JSON instead of tables'
complete -c jackbox -n "__fish_jackbox_using_subcommand vote; and __fish_seen_subcommand_from down" -s q -l quiet -d 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
complete -c jackbox -n "__fish_jackbox_using_subcommand vote; and __fish_seen_subcommand_from down" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c jackbox -n "__fish_jackbox_using_subcommand vote; and __fish_seen_subcommand_from down" -s V -l version -d 'Print version'
complete -c jackbox -n "__fish_jackbox_using_subcommand vote; and __fish_seen_subcommand_from help" -f -a "up" -d 'An upvote for the game being played in the active session'
complete -c jackbox -n "__fish_jackbox_using_subcommand vote; and __fish_seen_subcommand_from help" -f -a "down" -d 'A downvote for the game being played in the active session'
complete -c jackbox -n "__fish_jackbox_using_subcommand vote; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c jackbox -n "__fish_jackbox_using_subcommand votes; and not __fish_seen_subcommand_from list summary help" -l db -d 'The database file [default: per platform; `jackbox db path` prints it]' -r -F
complete -c jackbox -n "__fish_jackbox_using_subcommand votes; and not __fish_seen_subcommand_from list summary help" -l json -d 'Print the API\'s JSON instead of tables'
complete -c jackbox -n "__fish_jackbox_using_subcommand votes; and not __fish_seen_subcommand_from list summary help" -s q -l quiet -d 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
complete -c jackbox -n "__fish_jackbox_using_subcommand votes; and not __fish_seen_subcommand_from list summary help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c jackbox -n "__fish_jackbox_using_subcommand votes; and not __fish_seen_subcommand_from list summary help" -s V -l version -d 'Print version'
complete -c jackbox -n "__fish_jackbox_using_subcommand votes; and not __fish_seen_subcommand_from list summary help" -f -a "list" -d 'Vote history (live and imported chat votes), newest first'
complete -c jackbox -n "__fish_jackbox_using_subcommand votes; and not __fish_seen_subcommand_from list summary help" -f -a "summary" -d 'Per-game vote totals of a session (default: the active one)'
complete -c jackbox -n "__fish_jackbox_using_subcommand votes; and not __fish_seen_subcommand_from list summary help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c jackbox -n "__fish_jackbox_using_subcommand votes; and __fish_seen_subcommand_from list" -l session -d 'Only votes of this session' -r
complete -c jackbox -n "__fish_jackbox_using_subcommand votes; and __fish_seen_subcommand_from list" -l game -d 'Only votes for this game (catalog id or title)' -r
complete -c jackbox -n "__fish_jackbox_using_subcommand votes; and __fish_seen_subcommand_from list" -l user -d 'Only votes of this viewer' -r
complete -c jackbox -n "__fish_jackbox_using_subcommand votes; and __fish_seen_subcommand_from list" -l type -d 'Only up or down votes' -r -f -a "up\t''
down\t''"
complete -c jackbox -n "__fish_jackbox_using_subcommand votes; and __fish_seen_subcommand_from list" -l page -d 'Page number' -r
complete -c jackbox -n "__fish_jackbox_using_subcommand votes; and __fish_seen_subcommand_from list" -l limit -d 'Votes per page (max 100)' -r
complete -c jackbox -n "__fish_jackbox_using_subcommand votes; and __fish_seen_subcommand_from list" -l db -d 'The database file [default: per platform; `jackbox db path` prints it]' -r -F
complete -c jackbox -n "__fish_jackbox_using_subcommand votes; and __fish_seen_subcommand_from list" -l json -d 'Print the API\'s JSON instead of tables'
complete -c jackbox -n "__fish_jackbox_using_subcommand votes; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
complete -c jackbox -n "__fish_jackbox_using_subcommand votes; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c jackbox -n "__fish_jackbox_using_subcommand votes; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c jackbox -n "__fish_jackbox_using_subcommand votes; and __fish_seen_subcommand_from summary" -l db -d 'The database file [default: per platform; `jackbox db path` prints it]' -r -F
complete -c jackbox -n "__fish_jackbox_using_subcommand votes; and __fish_seen_subcommand_from summary" -l json -d 'Print the API\'s JSON instead of tables'
complete -c jackbox -n "__fish_jackbox_using_subcommand votes; and __fish_seen_subcommand_from summary" -s q -l quiet -d 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
complete -c jackbox -n "__fish_jackbox_using_subcommand votes; and __fish_seen_subcommand_from summary" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c jackbox -n "__fish_jackbox_using_subcommand votes; and __fish_seen_subcommand_from summary" -s V -l version -d 'Print version'
complete -c jackbox -n "__fish_jackbox_using_subcommand votes; and __fish_seen_subcommand_from help" -f -a "list" -d 'Vote history (live and imported chat votes), newest first'
complete -c jackbox -n "__fish_jackbox_using_subcommand votes; and __fish_seen_subcommand_from help" -f -a "summary" -d 'Per-game vote totals of a session (default: the active one)'
complete -c jackbox -n "__fish_jackbox_using_subcommand votes; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c jackbox -n "__fish_jackbox_using_subcommand pick" -l players -d 'Only games playable by N players' -r
complete -c jackbox -n "__fish_jackbox_using_subcommand pick" -l drawing -d 'Only drawing games, or none of them' -r -f -a "only\t''
exclude\t''"
complete -c jackbox -n "__fish_jackbox_using_subcommand pick" -l length -d 'short (≤ 15 min or unknown), medium (16-25), long (> 25)' -r -f -a "short\t''
medium\t''
long\t''"
complete -c jackbox -n "__fish_jackbox_using_subcommand pick" -l pack -d 'Only games of this pack (repeatable)' -r
complete -c jackbox -n "__fish_jackbox_using_subcommand pick" -l session -d 'Avoid repeats in this session [default: the active session, if any]' -r
complete -c jackbox -n "__fish_jackbox_using_subcommand pick" -l seed -d 'Seed the random draw: the same seed and catalog give the same pick' -r
complete -c jackbox -n "__fish_jackbox_using_subcommand pick" -l db -d 'The database file [default: per platform; `jackbox db path` prints it]' -r -F
complete -c jackbox -n "__fish_jackbox_using_subcommand pick" -l family-friendly -d 'Only family-friendly games'
complete -c jackbox -n "__fish_jackbox_using_subcommand pick" -l exclude-played -d 'Exclude every game already played in the session (not only the last two)'
complete -c jackbox -n "__fish_jackbox_using_subcommand pick" -l add -d 'Add the picked game to the session (default: the active one) in the same step'
complete -c jackbox -n "__fish_jackbox_using_subcommand pick" -l select -d 'Line the picked game up as the session\'s selection (source dice) instead of adding it'
complete -c jackbox -n "__fish_jackbox_using_subcommand pick" -l json -d 'Print the API\'s JSON instead of tables'
complete -c jackbox -n "__fish_jackbox_using_subcommand pick" -s q -l quiet -d 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
complete -c jackbox -n "__fish_jackbox_using_subcommand pick" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c jackbox -n "__fish_jackbox_using_subcommand pick" -s V -l version -d 'Print version'
complete -c jackbox -n "__fish_jackbox_using_subcommand poll; and not __fish_seen_subcommand_from start vote show close cancel list help" -l db -d 'The database file [default: per platform; `jackbox db path` prints it]' -r -F
complete -c jackbox -n "__fish_jackbox_using_subcommand poll; and not __fish_seen_subcommand_from start vote show close cancel list help" -l json -d 'Print the API\'s JSON instead of tables'
complete -c jackbox -n "__fish_jackbox_using_subcommand poll; and not __fish_seen_subcommand_from start vote show close cancel list help" -s q -l quiet -d 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
complete -c jackbox -n "__fish_jackbox_using_subcommand poll; and not __fish_seen_subcommand_from start vote show close cancel list help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c jackbox -n "__fish_jackbox_using_subcommand poll; and not __fish_seen_subcommand_from start vote show close cancel list help" -s V -l version -d 'Print version'
complete -c jackbox -n "__fish_jackbox_using_subcommand poll; and not __fish_seen_subcommand_from start vote show close cancel list help" -f -a "start" -d 'Open a poll: the named games, or games drawn by the picker'
complete -c jackbox -n "__fish_jackbox_using_subcommand poll; and not __fish_seen_subcommand_from start vote show close cancel list help" -f -a "vote" -d 'Record a viewer\'s vote in the open poll (a later vote replaces their earlier one)'
complete -c jackbox -n "__fish_jackbox_using_subcommand poll; and not __fish_seen_subcommand_from start vote show close cancel list help" -f -a "show" -d 'Show the open poll, or one poll by ID'
complete -c jackbox -n "__fish_jackbox_using_subcommand poll; and not __fish_seen_subcommand_from start vote show close cancel list help" -f -a "close" -d 'Close the open poll now (or after a countdown): its winning game becomes the session\'s selection'
complete -c jackbox -n "__fish_jackbox_using_subcommand poll; and not __fish_seen_subcommand_from start vote show close cancel list help" -f -a "cancel" -d 'Cancel the open poll (no winner, nothing selected)'
complete -c jackbox -n "__fish_jackbox_using_subcommand poll; and not __fish_seen_subcommand_from start vote show close cancel list help" -f -a "list" -d 'List the polls of a session, newest first'
complete -c jackbox -n "__fish_jackbox_using_subcommand poll; and not __fish_seen_subcommand_from start vote show close cancel list help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c jackbox -n "__fish_jackbox_using_subcommand poll; and __fish_seen_subcommand_from start" -l count -d 'How many games the picker draws (2-6) when none are named' -r
complete -c jackbox -n "__fish_jackbox_using_subcommand poll; and __fish_seen_subcommand_from start" -l players -d 'Only games playable by N players' -r
complete -c jackbox -n "__fish_jackbox_using_subcommand poll; and __fish_seen_subcommand_from start" -l drawing -d 'Only drawing games, or none of them' -r -f -a "only\t''
exclude\t''"
complete -c jackbox -n "__fish_jackbox_using_subcommand poll; and __fish_seen_subcommand_from start" -l length -d 'short (≤ 15 min or unknown), medium (16-25), long (> 25)' -r -f -a "short\t''
medium\t''
long\t''"
complete -c jackbox -n "__fish_jackbox_using_subcommand poll; and __fish_seen_subcommand_from start" -l pack -d 'Only games of this pack (repeatable)' -r
complete -c jackbox -n "__fish_jackbox_using_subcommand poll; and __fish_seen_subcommand_from start" -l duration -d 'Seconds until the poll closes (10-3600)' -r
complete -c jackbox -n "__fish_jackbox_using_subcommand poll; and __fish_seen_subcommand_from start" -l seed -d 'Seed the picker\'s draw (reproducible options)' -r
complete -c jackbox -n "__fish_jackbox_using_subcommand poll; and __fish_seen_subcommand_from start" -l session -d 'Session ID [default: the active session]' -r
complete -c jackbox -n "__fish_jackbox_using_subcommand poll; and __fish_seen_subcommand_from start" -l db -d 'The database file [default: per platform; `jackbox db path` prints it]' -r -F
complete -c jackbox -n "__fish_jackbox_using_subcommand poll; and __fish_seen_subcommand_from start" -l family-friendly -d 'Only family-friendly games'
complete -c jackbox -n "__fish_jackbox_using_subcommand poll; and __fish_seen_subcommand_from start" -l exclude-played -d 'Draw only games not yet played in the session'
complete -c jackbox -n "__fish_jackbox_using_subcommand poll; and __fish_seen_subcommand_from start" -l no-other -d 'No "Other" option'
complete -c jackbox -n "__fish_jackbox_using_subcommand poll; and __fish_seen_subcommand_from start" -l no-deadline -d 'Keep the poll open until `jackbox poll close`'
complete -c jackbox -n "__fish_jackbox_using_subcommand poll; and __fish_seen_subcommand_from start" -l json -d 'Print the API\'s JSON instead of tables'
complete -c jackbox -n "__fish_jackbox_using_subcommand poll; and __fish_seen_subcommand_from start" -s q -l quiet -d 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
complete -c jackbox -n "__fish_jackbox_using_subcommand poll; and __fish_seen_subcommand_from start" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c jackbox -n "__fish_jackbox_using_subcommand poll; and __fish_seen_subcommand_from start" -s V -l version -d 'Print version'
complete -c jackbox -n "__fish_jackbox_using_subcommand poll; and __fish_seen_subcommand_from vote" -l user -d 'The viewer\'s name (one vote per name and poll)' -r
complete -c jackbox -n "__fish_jackbox_using_subcommand poll; and __fish_seen_subcommand_from vote" -l session -d 'Session ID [default: the active session]' -r
complete -c jackbox -n "__fish_jackbox_using_subcommand poll; and __fish_seen_subcommand_from vote" -l db -d 'The database file [default: per platform; `jackbox db path` prints it]' -r -F
complete -c jackbox -n "__fish_jackbox_using_subcommand poll; and __fish_seen_subcommand_from vote" -l json -d 'Print the API\'s JSON instead of tables'
complete -c jackbox -n "__fish_jackbox_using_subcommand poll; and __fish_seen_subcommand_from vote" -s q -l quiet -d 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
complete -c jackbox -n "__fish_jackbox_using_subcommand poll; and __fish_seen_subcommand_from vote" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c jackbox -n "__fish_jackbox_using_subcommand poll; and __fish_seen_subcommand_from vote" -s V -l version -d 'Print version'
complete -c jackbox -n "__fish_jackbox_using_subcommand poll; and __fish_seen_subcommand_from show" -l session -d 'Session ID [default: the active session]' -r
complete -c jackbox -n "__fish_jackbox_using_subcommand poll; and __fish_seen_subcommand_from show" -l db -d 'The database file [default: per platform; `jackbox db path` prints it]' -r -F
complete -c jackbox -n "__fish_jackbox_using_subcommand poll; and __fish_seen_subcommand_from show" -l json -d 'Print the API\'s JSON instead of tables'
complete -c jackbox -n "__fish_jackbox_using_subcommand poll; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
complete -c jackbox -n "__fish_jackbox_using_subcommand poll; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c jackbox -n "__fish_jackbox_using_subcommand poll; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c jackbox -n "__fish_jackbox_using_subcommand poll; and __fish_seen_subcommand_from close" -l in -d 'Close after this long instead of now (10s, 1m, or seconds; at most 5m)' -r
complete -c jackbox -n "__fish_jackbox_using_subcommand poll; and __fish_seen_subcommand_from close" -l session -d 'Session ID [default: the active session]' -r
complete -c jackbox -n "__fish_jackbox_using_subcommand poll; and __fish_seen_subcommand_from close" -l db -d 'The database file [default: per platform; `jackbox db path` prints it]' -r -F
complete -c jackbox -n "__fish_jackbox_using_subcommand poll; and __fish_seen_subcommand_from close" -l cancel -d 'Cancel a countdown started with --in (the poll stays open)'
complete -c jackbox -n "__fish_jackbox_using_subcommand poll; and __fish_seen_subcommand_from close" -l json -d 'Print the API\'s JSON instead of tables'
complete -c jackbox -n "__fish_jackbox_using_subcommand poll; and __fish_seen_subcommand_from close" -s q -l quiet -d 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
complete -c jackbox -n "__fish_jackbox_using_subcommand poll; and __fish_seen_subcommand_from close" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c jackbox -n "__fish_jackbox_using_subcommand poll; and __fish_seen_subcommand_from close" -s V -l version -d 'Print version'
complete -c jackbox -n "__fish_jackbox_using_subcommand poll; and __fish_seen_subcommand_from cancel" -l session -d 'Session ID [default: the active session]' -r
complete -c jackbox -n "__fish_jackbox_using_subcommand poll; and __fish_seen_subcommand_from cancel" -l db -d 'The database file [default: per platform; `jackbox db path` prints it]' -r -F
complete -c jackbox -n "__fish_jackbox_using_subcommand poll; and __fish_seen_subcommand_from cancel" -l json -d 'Print the API\'s JSON instead of tables'
complete -c jackbox -n "__fish_jackbox_using_subcommand poll; and __fish_seen_subcommand_from cancel" -s q -l quiet -d 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
complete -c jackbox -n "__fish_jackbox_using_subcommand poll; and __fish_seen_subcommand_from cancel" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c jackbox -n "__fish_jackbox_using_subcommand poll; and __fish_seen_subcommand_from cancel" -s V -l version -d 'Print version'
complete -c jackbox -n "__fish_jackbox_using_subcommand poll; and __fish_seen_subcommand_from list" -l session -d 'Session ID [default: the active session]' -r
complete -c jackbox -n "__fish_jackbox_using_subcommand poll; and __fish_seen_subcommand_from list" -l db -d 'The database file [default: per platform; `jackbox db path` prints it]' -r -F
complete -c jackbox -n "__fish_jackbox_using_subcommand poll; and __fish_seen_subcommand_from list" -l json -d 'Print the API\'s JSON instead of tables'
complete -c jackbox -n "__fish_jackbox_using_subcommand poll; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
complete -c jackbox -n "__fish_jackbox_using_subcommand poll; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c jackbox -n "__fish_jackbox_using_subcommand poll; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c jackbox -n "__fish_jackbox_using_subcommand poll; and __fish_seen_subcommand_from help" -f -a "start" -d 'Open a poll: the named games, or games drawn by the picker'
complete -c jackbox -n "__fish_jackbox_using_subcommand poll; and __fish_seen_subcommand_from help" -f -a "vote" -d 'Record a viewer\'s vote in the open poll (a later vote replaces their earlier one)'
complete -c jackbox -n "__fish_jackbox_using_subcommand poll; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show the open poll, or one poll by ID'
complete -c jackbox -n "__fish_jackbox_using_subcommand poll; and __fish_seen_subcommand_from help" -f -a "close" -d 'Close the open poll now (or after a countdown): its winning game becomes the session\'s selection'
complete -c jackbox -n "__fish_jackbox_using_subcommand poll; and __fish_seen_subcommand_from help" -f -a "cancel" -d 'Cancel the open poll (no winner, nothing selected)'
complete -c jackbox -n "__fish_jackbox_using_subcommand poll; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the polls of a session, newest first'
complete -c jackbox -n "__fish_jackbox_using_subcommand poll; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c jackbox -n "__fish_jackbox_using_subcommand catalog; and not __fish_seen_subcommand_from list show add edit remove enable disable favor pack import export help" -l db -d 'The database file [default: per platform; `jackbox db path` prints it]' -r -F
complete -c jackbox -n "__fish_jackbox_using_subcommand catalog; and not __fish_seen_subcommand_from list show add edit remove enable disable favor pack import export help" -l json -d 'Print the API\'s JSON instead of tables'
complete -c jackbox -n "__fish_jackbox_using_subcommand catalog; and not __fish_seen_subcommand_from list show add edit remove enable disable favor pack import export help" -s q -l quiet -d 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
complete -c jackbox -n "__fish_jackbox_using_subcommand catalog; and not __fish_seen_subcommand_from list show add edit remove enable disable favor pack import export help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c jackbox -n "__fish_jackbox_using_subcommand catalog; and not __fish_seen_subcommand_from list show add edit remove enable disable favor pack import export help" -s V -l version -d 'Print version'
complete -c jackbox -n "__fish_jackbox_using_subcommand catalog; and not __fish_seen_subcommand_from list show add edit remove enable disable favor pack import export help" -f -a "list" -d 'List games, by pack then title'
complete -c jackbox -n "__fish_jackbox_using_subcommand catalog; and not __fish_seen_subcommand_from list show add edit remove enable disable favor pack import export help" -f -a "show" -d 'Show one game'
complete -c jackbox -n "__fish_jackbox_using_subcommand catalog; and not __fish_seen_subcommand_from list show add edit remove enable disable favor pack import export help" -f -a "add" -d 'Add a game'
complete -c jackbox -n "__fish_jackbox_using_subcommand catalog; and not __fish_seen_subcommand_from list show add edit remove enable disable favor pack import export help" -f -a "edit" -d 'Edit a game\'s fields'
complete -c jackbox -n "__fish_jackbox_using_subcommand catalog; and not __fish_seen_subcommand_from list show add edit remove enable disable favor pack import export help" -f -a "remove" -d 'Delete a game (refused for games used in a session; disable it instead)'
complete -c jackbox -n "__fish_jackbox_using_subcommand catalog; and not __fish_seen_subcommand_from list show add edit remove enable disable favor pack import export help" -f -a "enable" -d 'Enable a game for the picker'
complete -c jackbox -n "__fish_jackbox_using_subcommand catalog; and not __fish_seen_subcommand_from list show add edit remove enable disable favor pack import export help" -f -a "disable" -d 'Disable a game for the picker'
complete -c jackbox -n "__fish_jackbox_using_subcommand catalog; and not __fish_seen_subcommand_from list show add edit remove enable disable favor pack import export help" -f -a "favor" -d 'Set a game\'s favor: -1, 0 or 1'
complete -c jackbox -n "__fish_jackbox_using_subcommand catalog; and not __fish_seen_subcommand_from list show add edit remove enable disable favor pack import export help" -f -a "pack" -d 'Packs: list, enable, disable, favor'
complete -c jackbox -n "__fish_jackbox_using_subcommand catalog; and not __fish_seen_subcommand_from list show add edit remove enable disable favor pack import export help" -f -a "import" -d 'Import games from CSV (append, or replace the catalog)'
complete -c jackbox -n "__fish_jackbox_using_subcommand catalog; and not __fish_seen_subcommand_from list show add edit remove enable disable favor pack import export help" -f -a "export" -d 'Export the catalog as CSV (stdout by default)'
complete -c jackbox -n "__fish_jackbox_using_subcommand catalog; and not __fish_seen_subcommand_from list show add edit remove enable disable favor pack import export help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c jackbox -n "__fish_jackbox_using_subcommand catalog; and __fish_seen_subcommand_from list" -l players -d 'Only games playable by N players' -r
complete -c jackbox -n "__fish_jackbox_using_subcommand catalog; and __fish_seen_subcommand_from list" -l drawing -d 'Only drawing games, or none of them' -r -f -a "only\t''
exclude\t''"
complete -c jackbox -n "__fish_jackbox_using_subcommand catalog; and __fish_seen_subcommand_from list" -l length -d 'short (≤ 15 min or unknown), medium (16-25), long (> 25)' -r -f -a "short\t''
medium\t''
long\t''"
complete -c jackbox -n "__fish_jackbox_using_subcommand catalog; and __fish_seen_subcommand_from list" -l pack -d 'Only games of this pack (repeatable)' -r
complete -c jackbox -n "__fish_jackbox_using_subcommand catalog; and __fish_seen_subcommand_from list" -l enabled -d 'Only enabled (true) or disabled (false) games' -r -f -a "true\t''
false\t''"
complete -c jackbox -n "__fish_jackbox_using_subcommand catalog; and __fish_seen_subcommand_from list" -l q -d 'Title contains TEXT' -r
complete -c jackbox -n "__fish_jackbox_using_subcommand catalog; and __fish_seen_subcommand_from list" -l db -d 'The database file [default: per platform; `jackbox db path` prints it]' -r -F
complete -c jackbox -n "__fish_jackbox_using_subcommand catalog; and __fish_seen_subcommand_from list" -l family-friendly -d 'Only family-friendly games'
complete -c jackbox -n "__fish_jackbox_using_subcommand catalog; and __fish_seen_subcommand_from list" -l json -d 'Print the API\'s JSON instead of tables'
complete -c jackbox -n "__fish_jackbox_using_subcommand catalog; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
complete -c jackbox -n "__fish_jackbox_using_subcommand catalog; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c jackbox -n "__fish_jackbox_using_subcommand catalog; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c jackbox -n "__fish_jackbox_using_subcommand catalog; and __fish_seen_subcommand_from show" -l db -d 'The database file [default: per platform; `jackbox db path` prints it]' -r -F
complete -c jackbox -n "__fish_jackbox_using_subcommand catalog; and __fish_seen_subcommand_from show" -l json -d 'Print the API\'s JSON instead of tables'
complete -c jackbox -n "__fish_jackbox_using_subcommand catalog; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
complete -c jackbox -n "__fish_jackbox_using_subcommand catalog; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c jackbox -n "__fish_jackbox_using_subcommand catalog; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c jackbox -n "__fish_jackbox_using_subcommand catalog; and __fish_seen_subcommand_from add" -l pack -d 'The pack, e.g. "The Jackbox Party Pack 7"' -r
complete -c jackbox -n "__fish_jackbox_using_subcommand catalog; and __fish_seen_subcommand_from add" -l title -d 'The game\'s title (unique within its pack)' -r
complete -c jackbox -n "__fish_jackbox_using_subcommand catalog; and __fish_seen_subcommand_from add" -l min-players -d 'Fewest players' -r
complete -c jackbox -n "__fish_jackbox_using_subcommand catalog; and __fish_seen_subcommand_from add" -l max-players -d 'Most players' -r
complete -c jackbox -n "__fish_jackbox_using_subcommand catalog; and __fish_seen_subcommand_from add" -l length -d 'Typical length of one game in minutes ("" clears it)' -r
complete -c jackbox -n "__fish_jackbox_using_subcommand catalog; and __fish_seen_subcommand_from add" -l audience -d 'Audience mode available (--audience false to unset)' -r -f -a "true\t''
false\t''"
complete -c jackbox -n "__fish_jackbox_using_subcommand catalog; and __fish_seen_subcommand_from add" -l family-friendly -d 'Family-friendly (--family-friendly false to unset)' -r -f -a "true\t''
false\t''"
complete -c jackbox -n "__fish_jackbox_using_subcommand catalog; and __fish_seen_subcommand_from add" -l type -d 'Game type, e.g. Drawing, Trivia, Writing, Bluffing, Party' -r
complete -c jackbox -n "__fish_jackbox_using_subcommand catalog; and __fish_seen_subcommand_from add" -l secondary-type -d 'A second category' -r
complete -c jackbox -n "__fish_jackbox_using_subcommand catalog; and __fish_seen_subcommand_from add" -l app-tag -d 'Lobby-server app tags, comma-separated (each tag belongs to one game)' -r
complete -c jackbox -n "__fish_jackbox_using_subcommand catalog; and __fish_seen_subcommand_from add" -l favor -d 'Favor: -1 (less often), 0, 1 (more often)' -r
complete -c jackbox -n "__fish_jackbox_using_subcommand catalog; and __fish_seen_subcommand_from add" -l ticker -d 'Chat ticker: 2-8 characters A-Z 0-9, unique (chat votes QPL3++); "" removes it' -r
complete -c jackbox -n "__fish_jackbox_using_subcommand catalog; and __fish_seen_subcommand_from add" -l db -d 'The database file [default: per platform; `jackbox db path` prints it]' -r -F
complete -c jackbox -n "__fish_jackbox_using_subcommand catalog; and __fish_seen_subcommand_from add" -l disabled -d 'Add it disabled (never picked until enabled)'
complete -c jackbox -n "__fish_jackbox_using_subcommand catalog; and __fish_seen_subcommand_from add" -l json -d 'Print the API\'s JSON instead of tables'
complete -c jackbox -n "__fish_jackbox_using_subcommand catalog; and __fish_seen_subcommand_from add" -s q -l quiet -d 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
complete -c jackbox -n "__fish_jackbox_using_subcommand catalog; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c jackbox -n "__fish_jackbox_using_subcommand catalog; and __fish_seen_subcommand_from add" -s V -l version -d 'Print version'
complete -c jackbox -n "__fish_jackbox_using_subcommand catalog; and __fish_seen_subcommand_from edit" -l pack -d 'Move it to another pack' -r
complete -c jackbox -n "__fish_jackbox_using_subcommand catalog; and __fish_seen_subcommand_from edit" -l title -d 'Rename it' -r
complete -c jackbox -n "__fish_jackbox_using_subcommand catalog; and __fish_seen_subcommand_from edit" -l min-players -d 'Fewest players' -r
complete -c jackbox -n "__fish_jackbox_using_subcommand catalog; and __fish_seen_subcommand_from edit" -l max-players -d 'Most players' -r
complete -c jackbox -n "__fish_jackbox_using_subcommand catalog; and __fish_seen_subcommand_from edit" -l length -d 'Typical length of one game in minutes ("" clears it)' -r
complete -c jackbox -n "__fish_jackbox_using_subcommand catalog; and __fish_seen_subcommand_from edit" -l audience -d 'Audience mode available (--audience false to unset)' -r -f -a "true\t''
false\t''"
complete -c jackbox -n "__fish_jackbox_using_subcommand catalog; and __fish_seen_subcommand_from edit" -l family-friendly -d 'Family-friendly (--family-friendly false to unset)' -r -f -a "true\t''
false\t''"
complete -c jackbox -n "__fish_jackbox_using_subcommand catalog; and __fish_seen_subcommand_from edit" -l type -d 'Game type, e.g. Drawing, Trivia, Writing, Bluffing, Party' -r
complete -c jackbox -n "__fish_jackbox_using_subcommand catalog; and __fish_seen_subcommand_from edit" -l secondary-type -d 'A second category' -r
complete -c jackbox -n "__fish_jackbox_using_subcommand catalog; and __fish_seen_subcommand_from edit" -l app-tag -d 'Lobby-server app tags, comma-separated (each tag belongs to one game)' -r
complete -c jackbox -n "__fish_jackbox_using_subcommand catalog; and __fish_seen_subcommand_from edit" -l favor -d 'Favor: -1 (less often), 0, 1 (more often)' -r
complete -c jackbox -n "__fish_jackbox_using_subcommand catalog; and __fish_seen_subcommand_from edit" -l ticker -d 'Chat ticker: 2-8 characters A-Z 0-9, unique (chat votes QPL3++); "" removes it' -r
complete -c jackbox -n "__fish_jackbox_using_subcommand catalog; and __fish_seen_subcommand_from edit" -l enabled -d 'Enable (true) or disable (false) it' -r -f -a "true\t''
false\t''"
complete -c jackbox -n "__fish_jackbox_using_subcommand catalog; and __fish_seen_subcommand_from edit" -l db -d 'The database file [default: per platform; `jackbox db path` prints it]' -r -F
complete -c jackbox -n "__fish_jackbox_using_subcommand catalog; and __fish_seen_subcommand_from edit" -l disabled -d 'Disable it'
complete -c jackbox -n "__fish_jackbox_using_subcommand catalog; and __fish_seen_subcommand_from edit" -l json -d 'Print the API\'s JSON instead of tables'
complete -c jackbox -n "__fish_jackbox_using_subcommand catalog; and __fish_seen_subcommand_from edit" -s q -l quiet -d 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
complete -c jackbox -n "__fish_jackbox_using_subcommand catalog; and __fish_seen_subcommand_from edit" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c jackbox -n "__fish_jackbox_using_subcommand catalog; and __fish_seen_subcommand_from edit" -s V -l version -d 'Print version'
complete -c jackbox -n "__fish_jackbox_using_subcommand catalog; and __fish_seen_subcommand_from remove" -l db -d 'The database file [default: per platform; `jackbox db path` prints it]' -r -F
complete -c jackbox -n "__fish_jackbox_using_subcommand catalog; and __fish_seen_subcommand_from remove" -l json -d 'Print the API\'s JSON instead of tables'
complete -c jackbox -n "__fish_jackbox_using_subcommand catalog; and __fish_seen_subcommand_from remove" -s q -l quiet -d 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
complete -c jackbox -n "__fish_jackbox_using_subcommand catalog; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c jackbox -n "__fish_jackbox_using_subcommand catalog; and __fish_seen_subcommand_from remove" -s V -l version -d 'Print version'
complete -c jackbox -n "__fish_jackbox_using_subcommand catalog; and __fish_seen_subcommand_from enable" -l db -d 'The database file [default: per platform; `jackbox db path` prints it]' -r -F
complete -c jackbox -n "__fish_jackbox_using_subcommand catalog; and __fish_seen_subcommand_from enable" -l json -d 'Print the API\'s JSON instead of tables'
complete -c jackbox -n "__fish_jackbox_using_subcommand catalog; and __fish_seen_subcommand_from enable" -s q -l quiet -d 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
complete -c jackbox -n "__fish_jackbox_using_subcommand catalog; and __fish_seen_subcommand_from enable" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c jackbox -n "__fish_jackbox_using_subcommand catalog; and __fish_seen_subcommand_from enable" -s V -l version -d 'Print version'
complete -c jackbox -n "__fish_jackbox_using_subcommand catalog; and __fish_seen_subcommand_from disable" -l db -d 'The database file [default: per platform; `jackbox db path` prints it]' -r -F
complete -c jackbox -n "__fish_jackbox_using_subcommand catalog; and __fish_seen_subcommand_from disable" -l json -d 'Print the API\'s JSON instead of tables'
complete -c jackbox -n "__fish_jackbox_using_subcommand catalog; and __fish_seen_subcommand_from disable" -s q -l quiet -d 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
complete -c jackbox -n "__fish_jackbox_using_subcommand catalog; and __fish_seen_subcommand_from disable" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c jackbox -n "__fish_jackbox_using_subcommand catalog; and __fish_seen_subcommand_from disable" -s V -l version -d 'Print version'
complete -c jackbox -n "__fish_jackbox_using_subcommand catalog; and __fish_seen_subcommand_from favor" -l db -d 'The database file [default: per platform; `jackbox db path` prints it]' -r -F
complete -c jackbox -n "__fish_jackbox_using_subcommand catalog; and __fish_seen_subcommand_from favor" -l json -d 'Print the API\'s JSON instead of tables'
complete -c jackbox -n "__fish_jackbox_using_subcommand catalog; and __fish_seen_subcommand_from favor" -s q -l quiet -d 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
complete -c jackbox -n "__fish_jackbox_using_subcommand catalog; and __fish_seen_subcommand_from favor" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c jackbox -n "__fish_jackbox_using_subcommand catalog; and __fish_seen_subcommand_from favor" -s V -l version -d 'Print version'
complete -c jackbox -n "__fish_jackbox_using_subcommand catalog; and __fish_seen_subcommand_from pack" -l db -d 'The database file [default: per platform; `jackbox db path` prints it]' -r -F
complete -c jackbox -n "__fish_jackbox_using_subcommand catalog; and __fish_seen_subcommand_from pack" -l json -d 'Print the API\'s JSON instead of tables'
complete -c jackbox -n "__fish_jackbox_using_subcommand catalog; and __fish_seen_subcommand_from pack" -s q -l quiet -d 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
complete -c jackbox -n "__fish_jackbox_using_subcommand catalog; and __fish_seen_subcommand_from pack" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c jackbox -n "__fish_jackbox_using_subcommand catalog; and __fish_seen_subcommand_from pack" -s V -l version -d 'Print version'
complete -c jackbox -n "__fish_jackbox_using_subcommand catalog; and __fish_seen_subcommand_from pack" -f -a "list" -d 'List packs with their flags and counts'
complete -c jackbox -n "__fish_jackbox_using_subcommand catalog; and __fish_seen_subcommand_from pack" -f -a "enable" -d 'Enable picking from a pack'
complete -c jackbox -n "__fish_jackbox_using_subcommand catalog; and __fish_seen_subcommand_from pack" -f -a "disable" -d 'Disable picking from a pack'
complete -c jackbox -n "__fish_jackbox_using_subcommand catalog; and __fish_seen_subcommand_from pack" -f -a "favor" -d 'Set a pack\'s favor: -1, 0 or 1'
complete -c jackbox -n "__fish_jackbox_using_subcommand catalog; and __fish_seen_subcommand_from pack" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c jackbox -n "__fish_jackbox_using_subcommand catalog; and __fish_seen_subcommand_from import" -l db -d 'The database file [default: per platform; `jackbox db path` prints it]' -r -F
complete -c jackbox -n "__fish_jackbox_using_subcommand catalog; and __fish_seen_subcommand_from import" -l replace -d 'Replace the catalog (games used in sessions are kept and updated)'
complete -c jackbox -n "__fish_jackbox_using_subcommand catalog; and __fish_seen_subcommand_from import" -l json -d 'Print the API\'s JSON instead of tables'
complete -c jackbox -n "__fish_jackbox_using_subcommand catalog; and __fish_seen_subcommand_from import" -s q -l quiet -d 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
complete -c jackbox -n "__fish_jackbox_using_subcommand catalog; and __fish_seen_subcommand_from import" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c jackbox -n "__fish_jackbox_using_subcommand catalog; and __fish_seen_subcommand_from import" -s V -l version -d 'Print version'
complete -c jackbox -n "__fish_jackbox_using_subcommand catalog; and __fish_seen_subcommand_from export" -s o -l output -d 'Write to FILE instead of stdout (`-` is stdout)' -r -F
complete -c jackbox -n "__fish_jackbox_using_subcommand catalog; and __fish_seen_subcommand_from export" -l db -d 'The database file [default: per platform; `jackbox db path` prints it]' -r -F
complete -c jackbox -n "__fish_jackbox_using_subcommand catalog; and __fish_seen_subcommand_from export" -l json -d 'Print the API\'s JSON instead of tables'
complete -c jackbox -n "__fish_jackbox_using_subcommand catalog; and __fish_seen_subcommand_from export" -s q -l quiet -d 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
complete -c jackbox -n "__fish_jackbox_using_subcommand catalog; and __fish_seen_subcommand_from export" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c jackbox -n "__fish_jackbox_using_subcommand catalog; and __fish_seen_subcommand_from export" -s V -l version -d 'Print version'
complete -c jackbox -n "__fish_jackbox_using_subcommand catalog; and __fish_seen_subcommand_from help" -f -a "list" -d 'List games, by pack then title'
complete -c jackbox -n "__fish_jackbox_using_subcommand catalog; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show one game'
complete -c jackbox -n "__fish_jackbox_using_subcommand catalog; and __fish_seen_subcommand_from help" -f -a "add" -d 'Add a game'
complete -c jackbox -n "__fish_jackbox_using_subcommand catalog; and __fish_seen_subcommand_from help" -f -a "edit" -d 'Edit a game\'s fields'
complete -c jackbox -n "__fish_jackbox_using_subcommand catalog; and __fish_seen_subcommand_from help" -f -a "remove" -d 'Delete a game (refused for games used in a session; disable it instead)'
complete -c jackbox -n "__fish_jackbox_using_subcommand catalog; and __fish_seen_subcommand_from help" -f -a "enable" -d 'Enable a game for the picker'
complete -c jackbox -n "__fish_jackbox_using_subcommand catalog; and __fish_seen_subcommand_from help" -f -a "disable" -d 'Disable a game for the picker'
complete -c jackbox -n "__fish_jackbox_using_subcommand catalog; and __fish_seen_subcommand_from help" -f -a "favor" -d 'Set a game\'s favor: -1, 0 or 1'
complete -c jackbox -n "__fish_jackbox_using_subcommand catalog; and __fish_seen_subcommand_from help" -f -a "pack" -d 'Packs: list, enable, disable, favor'
complete -c jackbox -n "__fish_jackbox_using_subcommand catalog; and __fish_seen_subcommand_from help" -f -a "import" -d 'Import games from CSV (append, or replace the catalog)'
complete -c jackbox -n "__fish_jackbox_using_subcommand catalog; and __fish_seen_subcommand_from help" -f -a "export" -d 'Export the catalog as CSV (stdout by default)'
complete -c jackbox -n "__fish_jackbox_using_subcommand catalog; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c jackbox -n "__fish_jackbox_using_subcommand webhook; and not __fish_seen_subcommand_from list add edit remove test logs flush help" -l db -d 'The database file [default: per platform; `jackbox db path` prints it]' -r -F
complete -c jackbox -n "__fish_jackbox_using_subcommand webhook; and not __fish_seen_subcommand_from list add edit remove test logs flush help" -l json -d 'Print the API\'s JSON instead of tables'
complete -c jackbox -n "__fish_jackbox_using_subcommand webhook; and not __fish_seen_subcommand_from list add edit remove test logs flush help" -s q -l quiet -d 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
complete -c jackbox -n "__fish_jackbox_using_subcommand webhook; and not __fish_seen_subcommand_from list add edit remove test logs flush help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c jackbox -n "__fish_jackbox_using_subcommand webhook; and not __fish_seen_subcommand_from list add edit remove test logs flush help" -s V -l version -d 'Print version'
complete -c jackbox -n "__fish_jackbox_using_subcommand webhook; and not __fish_seen_subcommand_from list add edit remove test logs flush help" -f -a "list" -d 'List webhooks'
complete -c jackbox -n "__fish_jackbox_using_subcommand webhook; and not __fish_seen_subcommand_from list add edit remove test logs flush help" -f -a "add" -d 'Register a receiver: it gets a signed POST for each chosen event'
complete -c jackbox -n "__fish_jackbox_using_subcommand webhook; and not __fish_seen_subcommand_from list add edit remove test logs flush help" -f -a "edit" -d 'Change a webhook'
complete -c jackbox -n "__fish_jackbox_using_subcommand webhook; and not __fish_seen_subcommand_from list add edit remove test logs flush help" -f -a "remove" -d 'Delete a webhook with its queue and logs'
complete -c jackbox -n "__fish_jackbox_using_subcommand webhook; and not __fish_seen_subcommand_from list add edit remove test logs flush help" -f -a "test" -d 'Send a `test` event now and show the receiver\'s answer'
complete -c jackbox -n "__fish_jackbox_using_subcommand webhook; and not __fish_seen_subcommand_from list add edit remove test logs flush help" -f -a "logs" -d 'Show delivery attempts, newest first'
complete -c jackbox -n "__fish_jackbox_using_subcommand webhook; and not __fish_seen_subcommand_from list add edit remove test logs flush help" -f -a "flush" -d 'Attempt every pending delivery once, then exit (for cron when no daemon runs)'
complete -c jackbox -n "__fish_jackbox_using_subcommand webhook; and not __fish_seen_subcommand_from list add edit remove test logs flush help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c jackbox -n "__fish_jackbox_using_subcommand webhook; and __fish_seen_subcommand_from list" -l db -d 'The database file [default: per platform; `jackbox db path` prints it]' -r -F
complete -c jackbox -n "__fish_jackbox_using_subcommand webhook; and __fish_seen_subcommand_from list" -l json -d 'Print the API\'s JSON instead of tables'
complete -c jackbox -n "__fish_jackbox_using_subcommand webhook; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
complete -c jackbox -n "__fish_jackbox_using_subcommand webhook; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c jackbox -n "__fish_jackbox_using_subcommand webhook; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c jackbox -n "__fish_jackbox_using_subcommand webhook; and __fish_seen_subcommand_from add" -l url -d 'The URL as an option (the form older scripts use)' -r
complete -c jackbox -n "__fish_jackbox_using_subcommand webhook; and __fish_seen_subcommand_from add" -l name -r
complete -c jackbox -n "__fish_jackbox_using_subcommand webhook; and __fish_seen_subcommand_from add" -l secret -d 'Shared secret for the X-Webhook-Signature HMAC (never shown again; not needed with --format discord)' -r
complete -c jackbox -n "__fish_jackbox_using_subcommand webhook; and __fish_seen_subcommand_from add" -l event -d 'An event name (repeatable, or several after one --event), e.g. game.added' -r
complete -c jackbox -n "__fish_jackbox_using_subcommand webhook; and __fish_seen_subcommand_from add" -l format -d 'json: the signed event; discord: a Discord webhook message (URL from the channel\'s Integrations → Webhooks)' -r -f -a "json\t''
discord\t''"
complete -c jackbox -n "__fish_jackbox_using_subcommand webhook; and __fish_seen_subcommand_from add" -l db -d 'The database file [default: per platform; `jackbox db path` prints it]' -r -F
complete -c jackbox -n "__fish_jackbox_using_subcommand webhook; and __fish_seen_subcommand_from add" -l json -d 'Print the API\'s JSON instead of tables'
complete -c jackbox -n "__fish_jackbox_using_subcommand webhook; and __fish_seen_subcommand_from add" -s q -l quiet -d 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
complete -c jackbox -n "__fish_jackbox_using_subcommand webhook; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c jackbox -n "__fish_jackbox_using_subcommand webhook; and __fish_seen_subcommand_from add" -s V -l version -d 'Print version'
complete -c jackbox -n "__fish_jackbox_using_subcommand webhook; and __fish_seen_subcommand_from edit" -l name -r
complete -c jackbox -n "__fish_jackbox_using_subcommand webhook; and __fish_seen_subcommand_from edit" -l url -r
complete -c jackbox -n "__fish_jackbox_using_subcommand webhook; and __fish_seen_subcommand_from edit" -l secret -r
complete -c jackbox -n "__fish_jackbox_using_subcommand webhook; and __fish_seen_subcommand_from edit" -l event -d 'Replace the event list (repeatable)' -r
complete -c jackbox -n "__fish_jackbox_using_subcommand webhook; and __fish_seen_subcommand_from edit" -l db -d 'The database file [default: per platform; `jackbox db path` prints it]' -r -F
complete -c jackbox -n "__fish_jackbox_using_subcommand webhook; and __fish_seen_subcommand_from edit" -l enable -d 'Start delivering again'
complete -c jackbox -n "__fish_jackbox_using_subcommand webhook; and __fish_seen_subcommand_from edit" -l disable -d 'Stop delivering (queued deliveries wait until re-enabled)'
complete -c jackbox -n "__fish_jackbox_using_subcommand webhook; and __fish_seen_subcommand_from edit" -l json -d 'Print the API\'s JSON instead of tables'
complete -c jackbox -n "__fish_jackbox_using_subcommand webhook; and __fish_seen_subcommand_from edit" -s q -l quiet -d 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
complete -c jackbox -n "__fish_jackbox_using_subcommand webhook; and __fish_seen_subcommand_from edit" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c jackbox -n "__fish_jackbox_using_subcommand webhook; and __fish_seen_subcommand_from edit" -s V -l version -d 'Print version'
complete -c jackbox -n "__fish_jackbox_using_subcommand webhook; and __fish_seen_subcommand_from remove" -l db -d 'The database file [default: per platform; `jackbox db path` prints it]' -r -F
complete -c jackbox -n "__fish_jackbox_using_subcommand webhook; and __fish_seen_subcommand_from remove" -l json -d 'Print the API\'s JSON instead of tables'
complete -c jackbox -n "__fish_jackbox_using_subcommand webhook; and __fish_seen_subcommand_from remove" -s q -l quiet -d 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
complete -c jackbox -n "__fish_jackbox_using_subcommand webhook; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c jackbox -n "__fish_jackbox_using_subcommand webhook; and __fish_seen_subcommand_from remove" -s V -l version -d 'Print version'
complete -c jackbox -n "__fish_jackbox_using_subcommand webhook; and __fish_seen_subcommand_from test" -l db -d 'The database file [default: per platform; `jackbox db path` prints it]' -r -F
complete -c jackbox -n "__fish_jackbox_using_subcommand webhook; and __fish_seen_subcommand_from test" -l json -d 'Print the API\'s JSON instead of tables'
complete -c jackbox -n "__fish_jackbox_using_subcommand webhook; and __fish_seen_subcommand_from test" -s q -l quiet -d 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
complete -c jackbox -n "__fish_jackbox_using_subcommand webhook; and __fish_seen_subcommand_from test" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c jackbox -n "__fish_jackbox_using_subcommand webhook; and __fish_seen_subcommand_from test" -s V -l version -d 'Print version'
complete -c jackbox -n "__fish_jackbox_using_subcommand webhook; and __fish_seen_subcommand_from logs" -l limit -d 'Show at most N attempts' -r
complete -c jackbox -n "__fish_jackbox_using_subcommand webhook; and __fish_seen_subcommand_from logs" -l db -d 'The database file [default: per platform; `jackbox db path` prints it]' -r -F
complete -c jackbox -n "__fish_jackbox_using_subcommand webhook; and __fish_seen_subcommand_from logs" -l json -d 'Print the API\'s JSON instead of tables'
complete -c jackbox -n "__fish_jackbox_using_subcommand webhook; and __fish_seen_subcommand_from logs" -s q -l quiet -d 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
complete -c jackbox -n "__fish_jackbox_using_subcommand webhook; and __fish_seen_subcommand_from logs" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c jackbox -n "__fish_jackbox_using_subcommand webhook; and __fish_seen_subcommand_from logs" -s V -l version -d 'Print version'
complete -c jackbox -n "__fish_jackbox_using_subcommand webhook; and __fish_seen_subcommand_from flush" -l db -d 'The database file [default: per platform; `jackbox db path` prints it]' -r -F
complete -c jackbox -n "__fish_jackbox_using_subcommand webhook; and __fish_seen_subcommand_from flush" -l json -d 'Print the API\'s JSON instead of tables'
complete -c jackbox -n "__fish_jackbox_using_subcommand webhook; and __fish_seen_subcommand_from flush" -s q -l quiet -d 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
complete -c jackbox -n "__fish_jackbox_using_subcommand webhook; and __fish_seen_subcommand_from flush" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c jackbox -n "__fish_jackbox_using_subcommand webhook; and __fish_seen_subcommand_from flush" -s V -l version -d 'Print version'
complete -c jackbox -n "__fish_jackbox_using_subcommand webhook; and __fish_seen_subcommand_from help" -f -a "list" -d 'List webhooks'
complete -c jackbox -n "__fish_jackbox_using_subcommand webhook; and __fish_seen_subcommand_from help" -f -a "add" -d 'Register a receiver: it gets a signed POST for each chosen event'
complete -c jackbox -n "__fish_jackbox_using_subcommand webhook; and __fish_seen_subcommand_from help" -f -a "edit" -d 'Change a webhook'
complete -c jackbox -n "__fish_jackbox_using_subcommand webhook; and __fish_seen_subcommand_from help" -f -a "remove" -d 'Delete a webhook with its queue and logs'
complete -c jackbox -n "__fish_jackbox_using_subcommand webhook; and __fish_seen_subcommand_from help" -f -a "test" -d 'Send a `test` event now and show the receiver\'s answer'
complete -c jackbox -n "__fish_jackbox_using_subcommand webhook; and __fish_seen_subcommand_from help" -f -a "logs" -d 'Show delivery attempts, newest first'
complete -c jackbox -n "__fish_jackbox_using_subcommand webhook; and __fish_seen_subcommand_from help" -f -a "flush" -d 'Attempt every pending delivery once, then exit (for cron when no daemon runs)'
complete -c jackbox -n "__fish_jackbox_using_subcommand webhook; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c jackbox -n "__fish_jackbox_using_subcommand auth; and not __fish_seen_subcommand_from set-key admin token help" -l db -d 'The database file [default: per platform; `jackbox db path` prints it]' -r -F
complete -c jackbox -n "__fish_jackbox_using_subcommand auth; and not __fish_seen_subcommand_from set-key admin token help" -l json -d 'Print the API\'s JSON instead of tables'
complete -c jackbox -n "__fish_jackbox_using_subcommand auth; and not __fish_seen_subcommand_from set-key admin token help" -s q -l quiet -d 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
complete -c jackbox -n "__fish_jackbox_using_subcommand auth; and not __fish_seen_subcommand_from set-key admin token help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c jackbox -n "__fish_jackbox_using_subcommand auth; and not __fish_seen_subcommand_from set-key admin token help" -s V -l version -d 'Print version'
complete -c jackbox -n "__fish_jackbox_using_subcommand auth; and not __fish_seen_subcommand_from set-key admin token help" -f -a "set-key" -d 'Set the legacy admin key (name `admin`) used by `POST /api/auth/login` (read from stdin unless --key or --generate)'
complete -c jackbox -n "__fish_jackbox_using_subcommand auth; and not __fish_seen_subcommand_from set-key admin token help" -f -a "admin" -d 'Named admins: add, list, remove, rotate (each logs in with their own key)'
complete -c jackbox -n "__fish_jackbox_using_subcommand auth; and not __fish_seen_subcommand_from set-key admin token help" -f -a "token" -d 'Mint an API token (admin, or read-only with --viewer); `token list`, `token revoke ID`'
complete -c jackbox -n "__fish_jackbox_using_subcommand auth; and not __fish_seen_subcommand_from set-key admin token help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c jackbox -n "__fish_jackbox_using_subcommand auth; and __fish_seen_subcommand_from set-key" -l key -d 'The key (prefer stdin: options show up in the process list)' -r
complete -c jackbox -n "__fish_jackbox_using_subcommand auth; and __fish_seen_subcommand_from set-key" -l db -d 'The database file [default: per platform; `jackbox db path` prints it]' -r -F
complete -c jackbox -n "__fish_jackbox_using_subcommand auth; and __fish_seen_subcommand_from set-key" -l generate -d 'Generate a new random key and print it once'
complete -c jackbox -n "__fish_jackbox_using_subcommand auth; and __fish_seen_subcommand_from set-key" -l json -d 'Print the API\'s JSON instead of tables'
complete -c jackbox -n "__fish_jackbox_using_subcommand auth; and __fish_seen_subcommand_from set-key" -s q -l quiet -d 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
complete -c jackbox -n "__fish_jackbox_using_subcommand auth; and __fish_seen_subcommand_from set-key" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c jackbox -n "__fish_jackbox_using_subcommand auth; and __fish_seen_subcommand_from set-key" -s V -l version -d 'Print version'
complete -c jackbox -n "__fish_jackbox_using_subcommand auth; and __fish_seen_subcommand_from admin" -l db -d 'The database file [default: per platform; `jackbox db path` prints it]' -r -F
complete -c jackbox -n "__fish_jackbox_using_subcommand auth; and __fish_seen_subcommand_from admin" -l json -d 'Print the API\'s JSON instead of tables'
complete -c jackbox -n "__fish_jackbox_using_subcommand auth; and __fish_seen_subcommand_from admin" -s q -l quiet -d 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
complete -c jackbox -n "__fish_jackbox_using_subcommand auth; and __fish_seen_subcommand_from admin" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c jackbox -n "__fish_jackbox_using_subcommand auth; and __fish_seen_subcommand_from admin" -s V -l version -d 'Print version'
complete -c jackbox -n "__fish_jackbox_using_subcommand auth; and __fish_seen_subcommand_from admin" -f -a "add" -d 'Add an admin; prints a new random key once (or reads one with --key-stdin)'
complete -c jackbox -n "__fish_jackbox_using_subcommand auth; and __fish_seen_subcommand_from admin" -f -a "list" -d 'List the admins that can log in (database, admins file, legacy key)'
complete -c jackbox -n "__fish_jackbox_using_subcommand auth; and __fish_seen_subcommand_from admin" -f -a "remove" -d 'Remove an admin: their tokens (and the tokens they minted) stop working at once'
complete -c jackbox -n "__fish_jackbox_using_subcommand auth; and __fish_seen_subcommand_from admin" -f -a "rotate" -d 'Give an admin a new key: their tokens stop working at once'
complete -c jackbox -n "__fish_jackbox_using_subcommand auth; and __fish_seen_subcommand_from admin" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c jackbox -n "__fish_jackbox_using_subcommand auth; and __fish_seen_subcommand_from token" -l name -d 'What the token is for (shown in `token list` and the audit log)' -r
complete -c jackbox -n "__fish_jackbox_using_subcommand auth; and __fish_seen_subcommand_from token" -l ttl -d 'Lifetime: e.g. 30m, 24h, 90d, or seconds [default: 24h, viewer 90d]' -r
complete -c jackbox -n "__fish_jackbox_using_subcommand auth; and __fish_seen_subcommand_from token" -l db -d 'The database file [default: per platform; `jackbox db path` prints it]' -r -F
complete -c jackbox -n "__fish_jackbox_using_subcommand auth; and __fish_seen_subcommand_from token" -l viewer -d 'A read-only token (role viewer) for an overlay, a bot or a dashboard'
complete -c jackbox -n "__fish_jackbox_using_subcommand auth; and __fish_seen_subcommand_from token" -l json -d 'Print the API\'s JSON instead of tables'
complete -c jackbox -n "__fish_jackbox_using_subcommand auth; and __fish_seen_subcommand_from token" -s q -l quiet -d 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
complete -c jackbox -n "__fish_jackbox_using_subcommand auth; and __fish_seen_subcommand_from token" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c jackbox -n "__fish_jackbox_using_subcommand auth; and __fish_seen_subcommand_from token" -s V -l version -d 'Print version'
complete -c jackbox -n "__fish_jackbox_using_subcommand auth; and __fish_seen_subcommand_from token" -f -a "list" -d 'List minted tokens (never the tokens themselves)'
complete -c jackbox -n "__fish_jackbox_using_subcommand auth; and __fish_seen_subcommand_from token" -f -a "revoke" -d 'Revoke a token at once (also on open WebSocket connections)'
complete -c jackbox -n "__fish_jackbox_using_subcommand auth; and __fish_seen_subcommand_from token" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c jackbox -n "__fish_jackbox_using_subcommand auth; and __fish_seen_subcommand_from help" -f -a "set-key" -d 'Set the legacy admin key (name `admin`) used by `POST /api/auth/login` (read from stdin unless --key or --generate)'
complete -c jackbox -n "__fish_jackbox_using_subcommand auth; and __fish_seen_subcommand_from help" -f -a "admin" -d 'Named admins: add, list, remove, rotate (each logs in with their own key)'
complete -c jackbox -n "__fish_jackbox_using_subcommand auth; and __fish_seen_subcommand_from help" -f -a "token" -d 'Mint an API token (admin, or read-only with --viewer); `token list`, `token revoke ID`'
complete -c jackbox -n "__fish_jackbox_using_subcommand auth; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c jackbox -n "__fish_jackbox_using_subcommand audit" -l actor -d 'Only this actor (`alice`, `cli:sam`)' -r
complete -c jackbox -n "__fish_jackbox_using_subcommand audit" -l action -d 'Only this action (`session.create`), or a family (`game`)' -r
complete -c jackbox -n "__fish_jackbox_using_subcommand audit" -l limit -d 'At most N entries (1-1000)' -r
complete -c jackbox -n "__fish_jackbox_using_subcommand audit" -l before -d 'Only entries older than entry ID (paging)' -r
complete -c jackbox -n "__fish_jackbox_using_subcommand audit" -l db -d 'The database file [default: per platform; `jackbox db path` prints it]' -r -F
complete -c jackbox -n "__fish_jackbox_using_subcommand audit" -l json -d 'Print the API\'s JSON instead of tables'
complete -c jackbox -n "__fish_jackbox_using_subcommand audit" -s q -l quiet -d 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
complete -c jackbox -n "__fish_jackbox_using_subcommand audit" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c jackbox -n "__fish_jackbox_using_subcommand audit" -s V -l version -d 'Print version'
complete -c jackbox -n "__fish_jackbox_using_subcommand db; and not __fish_seen_subcommand_from path backup restore check help" -l db -d 'The database file [default: per platform; `jackbox db path` prints it]' -r -F
complete -c jackbox -n "__fish_jackbox_using_subcommand db; and not __fish_seen_subcommand_from path backup restore check help" -l json -d 'Print the API\'s JSON instead of tables'
complete -c jackbox -n "__fish_jackbox_using_subcommand db; and not __fish_seen_subcommand_from path backup restore check help" -s q -l quiet -d 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
complete -c jackbox -n "__fish_jackbox_using_subcommand db; and not __fish_seen_subcommand_from path backup restore check help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c jackbox -n "__fish_jackbox_using_subcommand db; and not __fish_seen_subcommand_from path backup restore check help" -s V -l version -d 'Print version'
complete -c jackbox -n "__fish_jackbox_using_subcommand db; and not __fish_seen_subcommand_from path backup restore check help" -f -a "path" -d 'Print the database file in use (--db, else JACKBOX_DB, else the platform\'s default)'
complete -c jackbox -n "__fish_jackbox_using_subcommand db; and not __fish_seen_subcommand_from path backup restore check help" -f -a "backup" -d 'Write a consistent copy of the database to PATH (safe while the daemon runs)'
complete -c jackbox -n "__fish_jackbox_using_subcommand db; and not __fish_seen_subcommand_from path backup restore check help" -f -a "restore" -d 'Replace the database with a backup (the current file is kept aside)'
complete -c jackbox -n "__fish_jackbox_using_subcommand db; and not __fish_seen_subcommand_from path backup restore check help" -f -a "check" -d 'Check the whole file (PRAGMA integrity_check); exit 1 when it is damaged'
complete -c jackbox -n "__fish_jackbox_using_subcommand db; and not __fish_seen_subcommand_from path backup restore check help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c jackbox -n "__fish_jackbox_using_subcommand db; and __fish_seen_subcommand_from path" -l db -d 'The database file [default: per platform; `jackbox db path` prints it]' -r -F
complete -c jackbox -n "__fish_jackbox_using_subcommand db; and __fish_seen_subcommand_from path" -l json -d 'Print the API\'s JSON instead of tables'
complete -c jackbox -n "__fish_jackbox_using_subcommand db; and __fish_seen_subcommand_from path" -s q -l quiet -d 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
complete -c jackbox -n "__fish_jackbox_using_subcommand db; and __fish_seen_subcommand_from path" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c jackbox -n "__fish_jackbox_using_subcommand db; and __fish_seen_subcommand_from path" -s V -l version -d 'Print version'
complete -c jackbox -n "__fish_jackbox_using_subcommand db; and __fish_seen_subcommand_from backup" -l db -d 'The database file [default: per platform; `jackbox db path` prints it]' -r -F
complete -c jackbox -n "__fish_jackbox_using_subcommand db; and __fish_seen_subcommand_from backup" -l json -d 'Print the API\'s JSON instead of tables'
complete -c jackbox -n "__fish_jackbox_using_subcommand db; and __fish_seen_subcommand_from backup" -s q -l quiet -d 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
complete -c jackbox -n "__fish_jackbox_using_subcommand db; and __fish_seen_subcommand_from backup" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c jackbox -n "__fish_jackbox_using_subcommand db; and __fish_seen_subcommand_from backup" -s V -l version -d 'Print version'
complete -c jackbox -n "__fish_jackbox_using_subcommand db; and __fish_seen_subcommand_from restore" -l db -d 'The database file [default: per platform; `jackbox db path` prints it]' -r -F
complete -c jackbox -n "__fish_jackbox_using_subcommand db; and __fish_seen_subcommand_from restore" -l json -d 'Print the API\'s JSON instead of tables'
complete -c jackbox -n "__fish_jackbox_using_subcommand db; and __fish_seen_subcommand_from restore" -s q -l quiet -d 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
complete -c jackbox -n "__fish_jackbox_using_subcommand db; and __fish_seen_subcommand_from restore" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c jackbox -n "__fish_jackbox_using_subcommand db; and __fish_seen_subcommand_from restore" -s V -l version -d 'Print version'
complete -c jackbox -n "__fish_jackbox_using_subcommand db; and __fish_seen_subcommand_from check" -l db -d 'The database file [default: per platform; `jackbox db path` prints it]' -r -F
complete -c jackbox -n "__fish_jackbox_using_subcommand db; and __fish_seen_subcommand_from check" -l json -d 'Print the API\'s JSON instead of tables'
complete -c jackbox -n "__fish_jackbox_using_subcommand db; and __fish_seen_subcommand_from check" -s q -l quiet -d 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
complete -c jackbox -n "__fish_jackbox_using_subcommand db; and __fish_seen_subcommand_from check" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c jackbox -n "__fish_jackbox_using_subcommand db; and __fish_seen_subcommand_from check" -s V -l version -d 'Print version'
complete -c jackbox -n "__fish_jackbox_using_subcommand db; and __fish_seen_subcommand_from help" -f -a "path" -d 'Print the database file in use (--db, else JACKBOX_DB, else the platform\'s default)'
complete -c jackbox -n "__fish_jackbox_using_subcommand db; and __fish_seen_subcommand_from help" -f -a "backup" -d 'Write a consistent copy of the database to PATH (safe while the daemon runs)'
complete -c jackbox -n "__fish_jackbox_using_subcommand db; and __fish_seen_subcommand_from help" -f -a "restore" -d 'Replace the database with a backup (the current file is kept aside)'
complete -c jackbox -n "__fish_jackbox_using_subcommand db; and __fish_seen_subcommand_from help" -f -a "check" -d 'Check the whole file (PRAGMA integrity_check); exit 1 when it is damaged'
complete -c jackbox -n "__fish_jackbox_using_subcommand db; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c jackbox -n "__fish_jackbox_using_subcommand stats" -l db -d 'The database file [default: per platform; `jackbox db path` prints it]' -r -F
complete -c jackbox -n "__fish_jackbox_using_subcommand stats" -l json -d 'Print the API\'s JSON instead of tables'
complete -c jackbox -n "__fish_jackbox_using_subcommand stats" -s q -l quiet -d 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
complete -c jackbox -n "__fish_jackbox_using_subcommand stats" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c jackbox -n "__fish_jackbox_using_subcommand stats" -s V -l version -d 'Print version'
complete -c jackbox -n "__fish_jackbox_using_subcommand serve" -l bind -d 'Address to listen on' -r
complete -c jackbox -n "__fish_jackbox_using_subcommand serve" -l cors-origin -d 'Allow a browser front end at ORIGIN (repeatable; `*` allows any)' -r
complete -c jackbox -n "__fish_jackbox_using_subcommand serve" -l ecast-url -d 'Base URL of the Jackbox lobby server (room monitor)' -r
complete -c jackbox -n "__fish_jackbox_using_subcommand serve" -l import-limit-mb -d 'Largest chat-import body accepted, in MiB (other routes: 1 MiB)' -r
complete -c jackbox -n "__fish_jackbox_using_subcommand serve" -l max-connections -d 'Client connections served at once, WebSockets included; beyond it a new connection gets `503 {"error": "Server busy: …"}` [default: 16384, or the open-files limit less 64]' -r
complete -c jackbox -n "__fish_jackbox_using_subcommand serve" -l audit-retention-days -d 'Delete audit log entries older than this many days' -r
complete -c jackbox -n "__fish_jackbox_using_subcommand serve" -l backup-dir -d 'Write a backup of the database into DIR at start (when the newest there is over a day old) and then daily, keeping the newest --backup-keep' -r -F
complete -c jackbox -n "__fish_jackbox_using_subcommand serve" -l backup-keep -d 'Daily backups to keep in --backup-dir' -r
complete -c jackbox -n "__fish_jackbox_using_subcommand serve" -l twitch -d 'Read these Twitch channels\' chat, comma-separated (replaces the stored chat sources)' -r
complete -c jackbox -n "__fish_jackbox_using_subcommand serve" -l youtube -d 'Read this YouTube live stream\'s chat, by video id or URL (key in JACKBOX_YOUTUBE_API_KEY; replaces the stored chat sources)' -r
complete -c jackbox -n "__fish_jackbox_using_subcommand serve" -l twitch-bot -d 'Reply in Twitch chat as this bot account (its token in JACKBOX_TWITCH_TOKEN): announces polls and their winners, answers !game and !votes' -r
complete -c jackbox -n "__fish_jackbox_using_subcommand serve" -l twitch-bot-room-code -d 'Whether the bot\'s !game answer gives the room code (hidden: keep it off the stream)' -r -f -a "shown\t''
hidden\t''"
complete -c jackbox -n "__fish_jackbox_using_subcommand serve" -l twitch-bot-limit -d 'Messages the bot sends per 30 s at most (Twitch: 20 for an ordinary account, 100 when it is a moderator or VIP of every channel it is in)' -r
complete -c jackbox -n "__fish_jackbox_using_subcommand serve" -l log-format -d 'Log format on stderr' -r -f -a "pretty\t''
json\t''"
complete -c jackbox -n "__fish_jackbox_using_subcommand serve" -l db -d 'The database file [default: per platform; `jackbox db path` prints it]' -r -F
complete -c jackbox -n "__fish_jackbox_using_subcommand serve" -l json -d 'Print the API\'s JSON instead of tables'
complete -c jackbox -n "__fish_jackbox_using_subcommand serve" -s q -l quiet -d 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
complete -c jackbox -n "__fish_jackbox_using_subcommand serve" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c jackbox -n "__fish_jackbox_using_subcommand serve" -s V -l version -d 'Print version'
complete -c jackbox -n "__fish_jackbox_using_subcommand completions" -l db -d 'The database file [default: per platform; `jackbox db path` prints it]' -r -F
complete -c jackbox -n "__fish_jackbox_using_subcommand completions" -l json -d 'Print the API\'s JSON instead of tables'
complete -c jackbox -n "__fish_jackbox_using_subcommand completions" -s q -l quiet -d 'Print only IDs: the new ID of what was created, the IDs of what is listed or shown'
complete -c jackbox -n "__fish_jackbox_using_subcommand completions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c jackbox -n "__fish_jackbox_using_subcommand completions" -s V -l version -d 'Print version'
complete -c jackbox -n "__fish_jackbox_using_subcommand help; and not __fish_seen_subcommand_from session game chat vote votes pick poll catalog webhook auth audit db stats serve completions help" -f -a "session" -d 'Game nights: list, show, create, close, delete, export'
complete -c jackbox -n "__fish_jackbox_using_subcommand help; and not __fish_seen_subcommand_from session game chat vote votes pick poll catalog webhook auth audit db stats serve completions help" -f -a "game" -d 'Games of a session: add, list, status, room code, player count, monitor'
complete -c jackbox -n "__fish_jackbox_using_subcommand help; and not __fish_seen_subcommand_from session game chat vote votes pick poll catalog webhook auth audit db stats serve completions help" -f -a "chat" -d 'Import a chat log and count its votes'
complete -c jackbox -n "__fish_jackbox_using_subcommand help; and not __fish_seen_subcommand_from session game chat vote votes pick poll catalog webhook auth audit db stats serve completions help" -f -a "vote" -d 'Record one live vote for the game being played'
complete -c jackbox -n "__fish_jackbox_using_subcommand help; and not __fish_seen_subcommand_from session game chat vote votes pick poll catalog webhook auth audit db stats serve completions help" -f -a "votes" -d 'Vote history and per-game totals'
complete -c jackbox -n "__fish_jackbox_using_subcommand help; and not __fish_seen_subcommand_from session game chat vote votes pick poll catalog webhook auth audit db stats serve completions help" -f -a "pick" -d 'Pick a game to play next (weighted random)'
complete -c jackbox -n "__fish_jackbox_using_subcommand help; and not __fish_seen_subcommand_from session game chat vote votes pick poll catalog webhook auth audit db stats serve completions help" -f -a "poll" -d 'Chat polls: open one, record votes, show, close (the winner is lined up), cancel'
complete -c jackbox -n "__fish_jackbox_using_subcommand help; and not __fish_seen_subcommand_from session game chat vote votes pick poll catalog webhook auth audit db stats serve completions help" -f -a "catalog" -d 'The games catalog: list, show, add, edit, remove, enable, favor, packs, CSV'
complete -c jackbox -n "__fish_jackbox_using_subcommand help; and not __fish_seen_subcommand_from session game chat vote votes pick poll catalog webhook auth audit db stats serve completions help" -f -a "webhook" -d 'Webhooks: register receivers, test, read logs, flush pending deliveries'
complete -c jackbox -n "__fish_jackbox_using_subcommand help; and not __fish_seen_subcommand_from session game chat vote votes pick poll catalog webhook auth audit db stats serve completions help" -f -a "auth" -d 'Admins, the admin key and API tokens'
complete -c jackbox -n "__fish_jackbox_using_subcommand help; and not __fish_seen_subcommand_from session game chat vote votes pick poll catalog webhook auth audit db stats serve completions help" -f -a "audit" -d 'The audit log: who changed what, newest first'
complete -c jackbox -n "__fish_jackbox_using_subcommand help; and not __fish_seen_subcommand_from session game chat vote votes pick poll catalog webhook auth audit db stats serve completions help" -f -a "db" -d 'The database file: where it is, backup, restore, integrity check'
complete -c jackbox -n "__fish_jackbox_using_subcommand help; and not __fish_seen_subcommand_from session game chat vote votes pick poll catalog webhook auth audit db stats serve completions help" -f -a "stats" -d 'Totals and rankings'
complete -c jackbox -n "__fish_jackbox_using_subcommand help; and not __fish_seen_subcommand_from session game chat vote votes pick poll catalog webhook auth audit db stats serve completions help" -f -a "serve" -d 'Run the HTTP + WebSocket daemon'
complete -c jackbox -n "__fish_jackbox_using_subcommand help; and not __fish_seen_subcommand_from session game chat vote votes pick poll catalog webhook auth audit db stats serve completions help" -f -a "completions" -d 'Print a shell completion script'
complete -c jackbox -n "__fish_jackbox_using_subcommand help; and not __fish_seen_subcommand_from session game chat vote votes pick poll catalog webhook auth audit db stats serve completions help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c jackbox -n "__fish_jackbox_using_subcommand help; and __fish_seen_subcommand_from session" -f -a "list" -d 'List all sessions, newest first, with the number of games played'
complete -c jackbox -n "__fish_jackbox_using_subcommand help; and __fish_seen_subcommand_from session" -f -a "active" -d 'Show the active session (prints "No active session" when there is none)'
complete -c jackbox -n "__fish_jackbox_using_subcommand help; and __fish_seen_subcommand_from session" -f -a "show" -d 'Show one session'
complete -c jackbox -n "__fish_jackbox_using_subcommand help; and __fish_seen_subcommand_from session" -f -a "create" -d 'Start a game night (only one session can be active at a time)'
complete -c jackbox -n "__fish_jackbox_using_subcommand help; and __fish_seen_subcommand_from session" -f -a "close" -d 'Close a session: its playing game becomes played, its room monitors stop'
complete -c jackbox -n "__fish_jackbox_using_subcommand help; and __fish_seen_subcommand_from session" -f -a "reopen" -d 'Reopen a closed session (undo a close); refused while another session is active'
complete -c jackbox -n "__fish_jackbox_using_subcommand help; and __fish_seen_subcommand_from session" -f -a "delete" -d 'Delete a closed session with its games, chat log and votes'
complete -c jackbox -n "__fish_jackbox_using_subcommand help; and __fish_seen_subcommand_from session" -f -a "export" -d 'Export a session as a TXT report or a JSON document (stdout by default), or every session into a folder (--all)'
complete -c jackbox -n "__fish_jackbox_using_subcommand help; and __fish_seen_subcommand_from game" -f -a "add" -d 'Add a game to a session (default: the active one); it becomes the one playing'
complete -c jackbox -n "__fish_jackbox_using_subcommand help; and __fish_seen_subcommand_from game" -f -a "list" -d 'List the games of a session (default: the active one)'
complete -c jackbox -n "__fish_jackbox_using_subcommand help; and __fish_seen_subcommand_from game" -f -a "show" -d 'Show one session game'
complete -c jackbox -n "__fish_jackbox_using_subcommand help; and __fish_seen_subcommand_from game" -f -a "status" -d 'Set a status: playing, played or skipped'
complete -c jackbox -n "__fish_jackbox_using_subcommand help; and __fish_seen_subcommand_from game" -f -a "room-code" -d 'Set the room code (restarts a running room monitor on the new code)'
complete -c jackbox -n "__fish_jackbox_using_subcommand help; and __fish_seen_subcommand_from game" -f -a "player-count" -d 'Set the player count by hand'
complete -c jackbox -n "__fish_jackbox_using_subcommand help; and __fish_seen_subcommand_from game" -f -a "remove" -d 'Remove a game from its session (its play count goes down by one)'
complete -c jackbox -n "__fish_jackbox_using_subcommand help; and __fish_seen_subcommand_from game" -f -a "select" -d 'Line a game up next in a session (the session\'s selection)'
complete -c jackbox -n "__fish_jackbox_using_subcommand help; and __fish_seen_subcommand_from game" -f -a "dismiss" -d 'Clear the session\'s selection'
complete -c jackbox -n "__fish_jackbox_using_subcommand help; and __fish_seen_subcommand_from game" -f -a "selection" -d 'Show the game lined up next in a session'
complete -c jackbox -n "__fish_jackbox_using_subcommand help; and __fish_seen_subcommand_from game" -f -a "monitor" -d 'Start or stop watching the game\'s Jackbox room for players'
complete -c jackbox -n "__fish_jackbox_using_subcommand help; and __fish_seen_subcommand_from chat" -f -a "import" -d 'Import a chat log (FILE, or - for stdin) and count its votes'
complete -c jackbox -n "__fish_jackbox_using_subcommand help; and __fish_seen_subcommand_from chat" -f -a "follow" -d 'Follow a chat client\'s live log as it is written and count its votes (no daemon needed; runs until interrupted)'
complete -c jackbox -n "__fish_jackbox_using_subcommand help; and __fish_seen_subcommand_from chat" -f -a "status" -d 'Show the daemon\'s live chat sources (Twitch channels, YouTube streams) and their state'
complete -c jackbox -n "__fish_jackbox_using_subcommand help; and __fish_seen_subcommand_from vote" -f -a "up" -d 'An upvote for the game being played in the active session'
complete -c jackbox -n "__fish_jackbox_using_subcommand help; and __fish_seen_subcommand_from vote" -f -a "down" -d 'A downvote for the game being played in the active session'
complete -c jackbox -n "__fish_jackbox_using_subcommand help; and __fish_seen_subcommand_from votes" -f -a "list" -d 'Vote history (live and imported chat votes), newest first'
complete -c jackbox -n "__fish_jackbox_using_subcommand help; and __fish_seen_subcommand_from votes" -f -a "summary" -d 'Per-game vote totals of a session (default: the active one)'
complete -c jackbox -n "__fish_jackbox_using_subcommand help; and __fish_seen_subcommand_from poll" -f -a "start" -d 'Open a poll: the named games, or games drawn by the picker'
complete -c jackbox -n "__fish_jackbox_using_subcommand help; and __fish_seen_subcommand_from poll" -f -a "vote" -d 'Record a viewer\'s vote in the open poll (a later vote replaces their earlier one)'
complete -c jackbox -n "__fish_jackbox_using_subcommand help; and __fish_seen_subcommand_from poll" -f -a "show" -d 'Show the open poll, or one poll by ID'
complete -c jackbox -n "__fish_jackbox_using_subcommand help; and __fish_seen_subcommand_from poll" -f -a "close" -d 'Close the open poll now (or after a countdown): its winning game becomes the session\'s selection'
complete -c jackbox -n "__fish_jackbox_using_subcommand help; and __fish_seen_subcommand_from poll" -f -a "cancel" -d 'Cancel the open poll (no winner, nothing selected)'
complete -c jackbox -n "__fish_jackbox_using_subcommand help; and __fish_seen_subcommand_from poll" -f -a "list" -d 'List the polls of a session, newest first'
complete -c jackbox -n "__fish_jackbox_using_subcommand help; and __fish_seen_subcommand_from catalog" -f -a "list" -d 'List games, by pack then title'
complete -c jackbox -n "__fish_jackbox_using_subcommand help; and __fish_seen_subcommand_from catalog" -f -a "show" -d 'Show one game'
complete -c jackbox -n "__fish_jackbox_using_subcommand help; and __fish_seen_subcommand_from catalog" -f -a "add" -d 'Add a game'
complete -c jackbox -n "__fish_jackbox_using_subcommand help; and __fish_seen_subcommand_from catalog" -f -a "edit" -d 'Edit a game\'s fields'
complete -c jackbox -n "__fish_jackbox_using_subcommand help; and __fish_seen_subcommand_from catalog" -f -a "remove" -d 'Delete a game (refused for games used in a session; disable it instead)'
complete -c jackbox -n "__fish_jackbox_using_subcommand help; and __fish_seen_subcommand_from catalog" -f -a "enable" -d 'Enable a game for the picker'
complete -c jackbox -n "__fish_jackbox_using_subcommand help; and __fish_seen_subcommand_from catalog" -f -a "disable" -d 'Disable a game for the picker'
complete -c jackbox -n "__fish_jackbox_using_subcommand help; and __fish_seen_subcommand_from catalog" -f -a "favor" -d 'Set a game\'s favor: -1, 0 or 1'
complete -c jackbox -n "__fish_jackbox_using_subcommand help; and __fish_seen_subcommand_from catalog" -f -a "pack" -d 'Packs: list, enable, disable, favor'
complete -c jackbox -n "__fish_jackbox_using_subcommand help; and __fish_seen_subcommand_from catalog" -f -a "import" -d 'Import games from CSV (append, or replace the catalog)'
complete -c jackbox -n "__fish_jackbox_using_subcommand help; and __fish_seen_subcommand_from catalog" -f -a "export" -d 'Export the catalog as CSV (stdout by default)'
complete -c jackbox -n "__fish_jackbox_using_subcommand help; and __fish_seen_subcommand_from webhook" -f -a "list" -d 'List webhooks'
complete -c jackbox -n "__fish_jackbox_using_subcommand help; and __fish_seen_subcommand_from webhook" -f -a "add" -d 'Register a receiver: it gets a signed POST for each chosen event'
complete -c jackbox -n "__fish_jackbox_using_subcommand help; and __fish_seen_subcommand_from webhook" -f -a "edit" -d 'Change a webhook'
complete -c jackbox -n "__fish_jackbox_using_subcommand help; and __fish_seen_subcommand_from webhook" -f -a "remove" -d 'Delete a webhook with its queue and logs'
complete -c jackbox -n "__fish_jackbox_using_subcommand help; and __fish_seen_subcommand_from webhook" -f -a "test" -d 'Send a `test` event now and show the receiver\'s answer'
complete -c jackbox -n "__fish_jackbox_using_subcommand help; and __fish_seen_subcommand_from webhook" -f -a "logs" -d 'Show delivery attempts, newest first'
complete -c jackbox -n "__fish_jackbox_using_subcommand help; and __fish_seen_subcommand_from webhook" -f -a "flush" -d 'Attempt every pending delivery once, then exit (for cron when no daemon runs)'
complete -c jackbox -n "__fish_jackbox_using_subcommand help; and __fish_seen_subcommand_from auth" -f -a "set-key" -d 'Set the legacy admin key (name `admin`) used by `POST /api/auth/login` (read from stdin unless --key or --generate)'
complete -c jackbox -n "__fish_jackbox_using_subcommand help; and __fish_seen_subcommand_from auth" -f -a "admin" -d 'Named admins: add, list, remove, rotate (each logs in with their own key)'
complete -c jackbox -n "__fish_jackbox_using_subcommand help; and __fish_seen_subcommand_from auth" -f -a "token" -d 'Mint an API token (admin, or read-only with --viewer); `token list`, `token revoke ID`'
complete -c jackbox -n "__fish_jackbox_using_subcommand help; and __fish_seen_subcommand_from db" -f -a "path" -d 'Print the database file in use (--db, else JACKBOX_DB, else the platform\'s default)'
complete -c jackbox -n "__fish_jackbox_using_subcommand help; and __fish_seen_subcommand_from db" -f -a "backup" -d 'Write a consistent copy of the database to PATH (safe while the daemon runs)'
complete -c jackbox -n "__fish_jackbox_using_subcommand help; and __fish_seen_subcommand_from db" -f -a "restore" -d 'Replace the database with a backup (the current file is kept aside)'
complete -c jackbox -n "__fish_jackbox_using_subcommand help; and __fish_seen_subcommand_from db" -f -a "check" -d 'Check the whole file (PRAGMA integrity_check); exit 1 when it is damaged'
