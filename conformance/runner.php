<?php
// PhpSockets conformance runner, PHP side (FORMAT.md version 2).
//
// Command (Debian's php8.2-cli ships ext/sockets as a shared module, /usr/lib/php/20220829/
// sockets.so; under `-n` extension_dir still defaults to that folder, so the documented
// `-d extension=sockets` loads it and the command works as it is):
//
//     php -n -d extension=sockets -d error_reporting=-1 conformance/runner.php FILE.scn < /dev/null
//
// Exit status: 0 when the scenario ran (whatever its calls returned), 2 for a malformed scenario
// (one line `FILE:LINE: malformed scenario: WHY` on stderr, nothing on stdout), 1 for a usage error
// or a missing sockets extension.
//
// How it works: the whole file is parsed into a syntax tree first (nothing is eval'd); then each
// statement is evaluated by walking the tree, calling the functions through call_user_func_array
// (references for by-reference parameters), and doing `.`, `|` and `$v[KEY]` with PHP's own
// operators, so conversions, warnings and exceptions are PHP's.
//
// Choices where FORMAT.md is silent (closest to PHP's own behaviour unless said otherwise):
//  - File: must be valid UTF-8 (a byte order mark is malformed). Lines end with "\n"; one "\r"
//    before it is dropped. Outside string literals only spaces and tabs are whitespace; any other
//    control character there is malformed.
//  - A comment is allowed only after the statement's `;` (or on a line of its own); `#` or `//`
//    in the middle of a statement is malformed, as is anything but a comment after the `;`.
//  - Directives: `#!` then optional blanks, a lowercase key, `:`, the value (trimmed). `title`
//    at most once (its text may be empty); `mask` is a comma-separated list of `$name`;
//    `requires` a comma-separated list of ipv6/unix/root. Empty list items are malformed.
//    No title is required.
//  - Integer literals: a value that does not fit in a PHP int (PHP would make it a float) is
//    malformed; so are float literals (`1.5`, `1e3`, `.5`), `0X1F`, `0b1`, octal-looking `007`,
//    numeric separators, and a `-` not directly followed by a digit.
//  - Double-quoted strings: `\xHH` takes exactly two hex digits of either case; `\0` followed by
//    a digit is malformed (octal escape); `{` is an ordinary character.
//  - Names: identifiers and variable names are ASCII `[A-Za-z_][A-Za-z0-9_]*`. `$this` and
//    `$GLOBALS` are malformed; so are the magic constants (`__LINE__` ...). A name followed by
//    `(` is a call and must be a sockets function of this PHP build or one of the helpers (else
//    malformed); any other name is a constant (true/false/null are keywords, case-insensitive).
//  - Constants: those PHP registers for the Core and sockets extensions resolve, case-sensitively.
//    Any other name (also a constant of another extension such as SEEK_SET) throws
//    `Error: Undefined constant "NAME"`, as an undefined constant does in PHP.
//  - A statement is exactly `CALL;` or `$name = EXPR;` (a bare `$x;` or `1;` is malformed), and
//    one statement does not mix `.` and `|` anywhere, also inside arguments or arrays.
//  - Arity is not checked when parsing: PHP's own ArgumentCountError is printed at run time.
//    Named arguments, `&$x`, `...`, and any operator other than `.` and `|` are malformed.
//  - Array keys (`[K => V]`, `$v[K]`) are an integer or string literal, a constant, or
//    true/false/null. Keyed and unkeyed items may be mixed, as in PHP. In an array literal each
//    item's key is evaluated before its value (PHP's order), and the next free integer key follows
//    PHP 8.2's literal rule (`[-5 => 'a', 'b']` puts 'b' at -4).
//  - Evaluation order follows PHP's opcodes: arguments left to right; in `A . B` / `A | B` a plain
//    variable operand is read when the operator runs, i.e. after the other operand's call was made
//    (so `$undef . f()` warns about `$undef` after f's warnings); in `$v[K1][K2]` the key K1 is
//    evaluated before `$v` is read.
//  - A by-reference argument that was reached is created (NULL) if undefined; one not reached
//    (an earlier argument threw) is not created and prints NULL.
//  - Values: a float prints as var_dump does (`float(1)`, `float(1.5)`, `float(INF)`); resources
//    print `resource(TYPE)#N` where TYPE is get_resource_type() (`stream`, `Unknown` once closed),
//    numbered together in order of first print; `object(CLASS)#N` is numbered per class.
//    The runner keeps a reference to every object it printed or created, so objects are never
//    freed (and sockets never closed) by losing their last variable: as on PhpSockets.
//  - Masking uses the masked variables' values after the statement finished (after the assignment
//    of `$x = CALL`). The integer masks are tried in directive order and the first match wins;
//    string masks are applied one after the other on the escaped text.
//  - `! LEVEL`: E_WARNING/E_USER_WARNING/E_CORE_WARNING/E_COMPILE_WARNING print `Warning`,
//    E_NOTICE/E_USER_NOTICE `Notice`, E_DEPRECATED/E_USER_DEPRECATED `Deprecated` (and the
//    unused E_RECOVERABLE_ERROR `Recoverable fatal error`). Messages and `throw` messages are
//    printed verbatim, even when they span lines. `throw` names get_class() of the Throwable.
//  - `$tmp` is /tmp/pss-XXXXXXXXXXXX (21 bytes, or under sys_get_temp_dir() when that is short
//    enough); it is created after the `requires` check and removed with its contents at exit
//    (a runner killed by a signal leaves it behind).
//    It may be reassigned like any variable; masks then use its current value.
//  - `requires`: checked after the whole file parsed, in the order the directives list them.

declare(strict_types=0);

const HELPERS = ['str_repeat', 'hex2bin', 'bin2hex', 'strlen', 'count', 'usleep',
    'exhaust_descriptors', 'release_descriptors'];

/**
 * Project helper (FORMAT.md): lowers the soft RLIMIT_NOFILE to the descriptors open plus a few
 * (with util-linux's prlimit: -n loads no posix extension), then opens /dev/null until the kernel
 * refuses, so that no call can get a new descriptor. The C# runner does the same with setrlimit.
 */
function exhaust_descriptors(): void
{
    global $exhaustion;
    if ($exhaustion !== null) {
        return;
    }
    preg_match('/^Max open files\s+(\d+|unlimited)\s+(\d+|unlimited)/m', file_get_contents('/proc/self/limits'), $m);
    $open = count(scandir('/proc/self/fd')) - 2;
    $lowered = $m[1] === 'unlimited' ? $open + 16 : min((int)$m[1], $open + 16);
    exec('prlimit --pid ' . getmypid() . ' --nofile=' . $lowered . ':', $out, $rc);
    if ($rc !== 0) {
        throw new RuntimeException('prlimit failed');
    }
    $exhaustion = ['soft' => $m[1], 'fillers' => []];
    set_error_handler(static fn(): bool => true); // the EMFILE that ends the loop is expected
    while (($f = fopen('/dev/null', 'r')) !== false) {
        $exhaustion['fillers'][] = $f;
    }
    restore_error_handler();
}

/** Project helper (FORMAT.md): closes exhaust_descriptors()'s fillers and restores the soft limit. */
function release_descriptors(): void
{
    global $exhaustion;
    if ($exhaustion === null) {
        return;
    }
    foreach ($exhaustion['fillers'] as $f) {
        fclose($f);
    }
    exec('prlimit --pid ' . getmypid() . ' --nofile=' . $exhaustion['soft'] . ':');
    $exhaustion = null;
}

$exhaustion = null;
const MAGIC_CONSTANTS = ['__LINE__', '__FILE__', '__DIR__', '__FUNCTION__', '__CLASS__', '__TRAIT__',
    '__METHOD__', '__NAMESPACE__', '__COMPILER_HALT_OFFSET__'];

function is_digit(string $c): bool
{
    return strlen($c) === 1 && $c >= '0' && $c <= '9';
}

function is_alpha(string $c): bool
{
    return strlen($c) === 1 && (($c >= 'a' && $c <= 'z') || ($c >= 'A' && $c <= 'Z'));
}

final class Malformed extends Exception
{
    public int $lineNo;

    public function __construct(int $lineNo, string $why)
    {
        parent::__construct($why);
        $this->lineNo = $lineNo;
    }
}

/** Tokenizer and parser for one scenario file. */
final class Parser
{
    /** @var array<string, array{byref: array<int,bool>}> lowercase function name => info */
    private array $functions = [];
    private int $lineNo = 0;
    private array $tokens = [];
    private int $pos = 0;
    private ?string $chainOp = null;

    public ?string $title = null;
    /** @var list<string> */
    public array $masks = [];
    /** @var list<string> */
    public array $requires = [];
    /** @var list<array{line:int, source:string, stmt:array}> */
    public array $statements = [];

    public function __construct()
    {
        $names = array_merge(get_extension_funcs('sockets') ?: [], HELPERS);
        foreach ($names as $name) {
            $rf = new ReflectionFunction($name);
            $byref = [];
            foreach ($rf->getParameters() as $i => $p) {
                $byref[$i] = $p->isPassedByReference();
            }
            $this->functions[strtolower($name)] = ['name' => $rf->getName(), 'byref' => $byref];
        }
    }

    private function fail(string $why): never
    {
        throw new Malformed($this->lineNo, $why);
    }

    public function parseFile(string $text): void
    {
        if (str_starts_with($text, "\xEF\xBB\xBF")) {
            $this->lineNo = 1;
            $this->fail('byte order mark');
        }
        if (!preg_match('//u', $text)) {
            // Find the first line that is not UTF-8.
            foreach (explode("\n", $text) as $i => $line) {
                if (!preg_match('//u', $line)) {
                    $this->lineNo = $i + 1;
                    break;
                }
            }
            $this->fail('not UTF-8');
        }
        $lines = explode("\n", $text);
        if (end($lines) === '') {
            array_pop($lines);
        }
        foreach ($lines as $i => $line) {
            $this->lineNo = $i + 1;
            if (str_ends_with($line, "\r")) {
                $line = substr($line, 0, -1);
            }
            $this->parseLine($line);
        }
    }

    private function parseLine(string $line): void
    {
        $trimmed = ltrim($line, " \t");
        if ($trimmed === '') {
            return;
        }
        if (str_starts_with($trimmed, '#!')) {
            $this->parseDirective(substr($trimmed, 2));
            return;
        }
        if ($trimmed[0] === '#' || str_starts_with($trimmed, '//')) {
            return;
        }
        $end = $this->tokenize($line);
        $source = trim(substr($line, 0, $end), " \t");
        $this->pos = 0;
        $this->chainOp = null;
        $stmt = $this->parseStatement();
        if ($this->peek()[0] !== ';') {
            $this->fail('expected ";" after the statement, found ' . $this->describe($this->peek()));
        }
        $this->statements[] = ['line' => $this->lineNo, 'source' => $source, 'stmt' => $stmt];
    }

    private function parseDirective(string $rest): void
    {
        if (!preg_match('/^[ \t]*([A-Za-z_-]*)[ \t]*:(.*)$/s', $rest, $m)) {
            $this->fail('directive without "KEY:"');
        }
        $key = $m[1];
        $value = trim($m[2], " \t");
        switch ($key) {
            case 'title':
                if ($this->title !== null) {
                    $this->fail('second title directive');
                }
                $this->title = $value;
                return;
            case 'mask':
                foreach (explode(',', $value) as $item) {
                    $item = trim($item, " \t");
                    if (!preg_match('/^\$([A-Za-z_][A-Za-z0-9_]*)$/', $item, $mm)) {
                        $this->fail('mask item "' . $item . '" is not a $variable');
                    }
                    if (!in_array($mm[1], $this->masks, true)) {
                        $this->masks[] = $mm[1];
                    }
                }
                return;
            case 'requires':
                foreach (explode(',', $value) as $item) {
                    $item = trim($item, " \t");
                    if (!in_array($item, ['ipv6', 'unix', 'root'], true)) {
                        $this->fail('unknown requirement "' . $item . '"');
                    }
                    if (!in_array($item, $this->requires, true)) {
                        $this->requires[] = $item;
                    }
                }
                return;
            default:
                $this->fail('unknown directive "' . $key . '"');
        }
    }

    // ---- tokenizer -------------------------------------------------------------------------

    /** Tokenizes the statement on $line; returns the offset of its `;`. */
    private function tokenize(string $line): int
    {
        $this->tokens = [];
        $n = strlen($line);
        $i = 0;
        while (true) {
            while ($i < $n && ($line[$i] === ' ' || $line[$i] === "\t")) {
                $i++;
            }
            if ($i >= $n) {
                $this->fail('statement does not end with ";"');
            }
            $c = $line[$i];
            if ($c === ';') {
                $this->tokens[] = [';', null];
                $after = ltrim(substr($line, $i + 1), " \t");
                if ($after !== '' && $after[0] !== '#' && !str_starts_with($after, '//')) {
                    $this->fail('text after ";" that is not a comment (one statement per line)');
                }
                return $i;
            }
            if ($c === '#' || ($c === '/' && ($line[$i + 1] ?? '') === '/')) {
                $this->fail('comment before the end of the statement');
            }
            if ($c === '/' && ($line[$i + 1] ?? '') === '*') {
                $this->fail('/* */ comments are not allowed');
            }
            if ($c === '$') {
                if (!preg_match('/\G\$([A-Za-z_][A-Za-z0-9_]*)/', $line, $m, 0, $i)) {
                    $this->fail('"$" not followed by a variable name');
                }
                $name = $m[1];
                if ($name === 'this' || $name === 'GLOBALS') {
                    $this->fail('$' . $name . ' is not allowed');
                }
                $i += strlen($m[0]);
                $this->checkNameEnd($line, $i);
                $this->tokens[] = ['var', $name];
                continue;
            }
            if (is_alpha($c) || $c === '_') {
                preg_match('/\G[A-Za-z_][A-Za-z0-9_]*/', $line, $m, 0, $i);
                $i += strlen($m[0]);
                $this->checkNameEnd($line, $i);
                $this->tokens[] = ['name', $m[0]];
                continue;
            }
            if (is_digit($c) || $c === '-') {
                $this->tokens[] = ['int', $this->lexInt($line, $i)];
                continue;
            }
            if ($c === "'") {
                $this->tokens[] = ['str', $this->lexSingle($line, $i)];
                continue;
            }
            if ($c === '"') {
                $this->tokens[] = ['str', $this->lexDouble($line, $i)];
                continue;
            }
            if ($c === '=' && ($line[$i + 1] ?? '') === '>') {
                $this->tokens[] = ['=>', null];
                $i += 2;
                continue;
            }
            if ($c === '.') {
                if (is_digit($line[$i + 1] ?? '')) {
                    $this->fail('float literals are not allowed');
                }
                $this->tokens[] = ['.', null];
                $i++;
                continue;
            }
            if (strpos('()[],=|', $c) !== false) {
                $this->tokens[] = [$c, null];
                $i++;
                continue;
            }
            if (ord($c) < 0x20 || ord($c) === 0x7f) {
                $this->fail(sprintf('control character \\x%02x outside a string', ord($c)));
            }
            $this->fail('unexpected character "' . $c . '"');
        }
    }

    private function checkNameEnd(string $line, int $i): void
    {
        if ($i < strlen($line) && ord($line[$i]) >= 0x80) {
            $this->fail('non-ASCII name');
        }
    }

    private function lexInt(string $line, int &$i): int
    {
        $start = $i;
        $negative = false;
        if ($line[$i] === '-') {
            $negative = true;
            $i++;
            if (!is_digit($line[$i] ?? '')) {
                $this->fail('"-" must be attached to an integer literal');
            }
        }
        if (preg_match('/\G0x([0-9A-Fa-f]+)/', $line, $m, 0, $i)) {
            $digits = ltrim($m[1], '0');
            $i += strlen($m[0]);
            if (strlen($digits) > 16 || (strlen($digits) === 16 && strcmp(strtolower($digits), '7fffffffffffffff') > 0)) {
                $this->fail('integer literal out of range');
            }
            $value = $digits === '' ? 0 : hexdec($digits);
            if (!is_int($value)) {
                $this->fail('integer literal out of range');
            }
        } else {
            preg_match('/\G[0-9]+/', $line, $m, 0, $i);
            $digits = $m[0];
            $i += strlen($digits);
            if (strlen($digits) > 1 && $digits[0] === '0') {
                $this->fail('integer literal with a leading zero');
            }
            $next = $line[$i] ?? '';
            if ($next === '.' || $next === 'e' || $next === 'E') {
                $this->fail('float literals are not allowed');
            }
            if (strlen($digits) > 19 || (strlen($digits) === 19 && strcmp($digits, '9223372036854775807') > 0)) {
                $this->fail('integer literal out of range');
            }
            $value = (int)$digits;
        }
        $next = $line[$i] ?? '';
        if ($next !== '' && ((is_alpha($next) || is_digit($next)) || $next === '_' || ord($next) >= 0x80)) {
            $this->fail('malformed integer literal "' . substr($line, $start, $i - $start + 1) . '"');
        }
        return $negative ? -$value : $value;
    }

    private function lexSingle(string $line, int &$i): string
    {
        $n = strlen($line);
        $out = '';
        $i++;
        while (true) {
            if ($i >= $n) {
                $this->fail('unterminated string');
            }
            $c = $line[$i];
            if ($c === "'") {
                $i++;
                return $out;
            }
            if ($c === '\\' && $i + 1 < $n && ($line[$i + 1] === '\\' || $line[$i + 1] === "'")) {
                $out .= $line[$i + 1];
                $i += 2;
                continue;
            }
            $out .= $c;
            $i++;
        }
    }

    private function lexDouble(string $line, int &$i): string
    {
        $n = strlen($line);
        $out = '';
        $i++;
        while (true) {
            if ($i >= $n) {
                $this->fail('unterminated string');
            }
            $c = $line[$i];
            if ($c === '"') {
                $i++;
                return $out;
            }
            if ($c === '$') {
                $this->fail('unescaped "$" in a double-quoted string');
            }
            if ($c !== '\\') {
                $out .= $c;
                $i++;
                continue;
            }
            $e = $line[$i + 1] ?? '';
            switch ($e) {
                case 'n': $out .= "\n"; $i += 2; break;
                case 'r': $out .= "\r"; $i += 2; break;
                case 't': $out .= "\t"; $i += 2; break;
                case '\\': $out .= '\\'; $i += 2; break;
                case '"': $out .= '"'; $i += 2; break;
                case '$': $out .= '$'; $i += 2; break;
                case 'x':
                    $h = substr($line, $i + 2, 2);
                    if (strlen($h) !== 2 || !preg_match('/^[0-9A-Fa-f]{2}$/', $h)) {
                        $this->fail('"\\x" must be followed by exactly two hex digits');
                    }
                    $out .= chr(hexdec($h));
                    $i += 4;
                    break;
                case '0':
                    if (is_digit($line[$i + 2] ?? '')) {
                        $this->fail('octal escapes are not allowed ("\\0" followed by a digit)');
                    }
                    $out .= "\0";
                    $i += 2;
                    break;
                default:
                    $this->fail('unknown escape "\\' . $e . '" in a double-quoted string');
            }
        }
    }

    // ---- parser ----------------------------------------------------------------------------

    private function peek(int $k = 0): array
    {
        return $this->tokens[$this->pos + $k] ?? [';', null];
    }

    private function next(): array
    {
        return $this->tokens[$this->pos++];
    }

    private function expect(string $type): array
    {
        $t = $this->peek();
        if ($t[0] !== $type) {
            $this->fail('expected "' . $type . '", found ' . $this->describe($t));
        }
        return $this->next();
    }

    private function describe(array $t): string
    {
        return match ($t[0]) {
            'var' => '$' . $t[1],
            'name' => '"' . $t[1] . '"',
            'int' => 'integer ' . $t[1],
            'str' => 'a string',
            default => '"' . $t[0] . '"',
        };
    }

    private function parseStatement(): array
    {
        $t = $this->peek();
        if ($t[0] === 'var') {
            if ($this->peek(1)[0] !== '=') {
                $this->fail('a statement is a call or "$name = EXPR"');
            }
            $this->pos += 2;
            $expr = $this->parseExpr(true);
            return ['assign', $t[1], $expr];
        }
        if ($t[0] === 'name' && $this->peek(1)[0] === '(') {
            return $this->parseCall(true);
        }
        $this->fail('a statement is a call or "$name = EXPR"');
    }

    /** EXPR: ATOM, or ATOMs joined by "." or by "|". */
    private function parseExpr(bool $topLevel = false): array
    {
        $first = $this->parseAtom($topLevel);
        $op = $this->peek()[0];
        if ($op !== '.' && $op !== '|') {
            return $first;
        }
        if ($first[0] === 'call' && $first[3]) {
            $this->fail('a call with by-reference arguments must be the statement itself');
        }
        if ($this->chainOp !== null && $this->chainOp !== $op) {
            $this->fail('a statement mixes "." and "|"');
        }
        $this->chainOp = $op;
        $items = [$first];
        while ($this->peek()[0] === '.' || $this->peek()[0] === '|') {
            if ($this->peek()[0] !== $op) {
                $this->fail('a statement mixes "." and "|"');
            }
            $this->next();
            $items[] = $this->parseAtom(false);
        }
        return [$op === '.' ? 'concat' : 'or', $items];
    }

    private function parseAtom(bool $topLevel): array
    {
        $t = $this->peek();
        switch ($t[0]) {
            case 'var':
                $this->next();
                $keys = [];
                while ($this->peek()[0] === '[') {
                    $this->next();
                    $keys[] = $this->parseKey();
                    $this->expect(']');
                }
                return ['var', $t[1], $keys];
            case 'int':
                $this->next();
                return ['lit', $t[1]];
            case 'str':
                $this->next();
                return ['lit', $t[1]];
            case '[':
                return $this->parseArray();
            case 'name':
                if ($this->peek(1)[0] === '(') {
                    return $this->parseCall($topLevel);
                }
                $this->next();
                return $this->nameAtom($t[1]);
            default:
                $this->fail('expected an expression, found ' . $this->describe($t));
        }
    }

    private function nameAtom(string $name): array
    {
        $lower = strtolower($name);
        if ($lower === 'true') {
            return ['lit', true];
        }
        if ($lower === 'false') {
            return ['lit', false];
        }
        if ($lower === 'null') {
            return ['lit', null];
        }
        if (in_array(strtoupper($name), MAGIC_CONSTANTS, true)) {
            $this->fail('magic constant ' . $name . ' is not allowed');
        }
        return ['const', $name];
    }

    /** KEY: an integer or string literal, a constant, or true/false/null. */
    private function parseKey(): array
    {
        $t = $this->peek();
        if ($t[0] === 'int' || $t[0] === 'str') {
            $this->next();
            return ['lit', $t[1]];
        }
        if ($t[0] === 'name' && $this->peek(1)[0] !== '(') {
            $this->next();
            return $this->nameAtom($t[1]);
        }
        $this->fail('an array key must be an integer or string literal or a constant, found ' . $this->describe($t));
    }

    private function parseArray(): array
    {
        $this->expect('[');
        $items = [];
        while ($this->peek()[0] !== ']') {
            $start = $this->pos;
            $value = $this->parseExpr(false);
            $key = null;
            if ($this->peek()[0] === '=>') {
                // The expression just read must have been a KEY.
                $end = $this->pos;
                $this->pos = $start;
                $key = $this->parseKey();
                if ($this->pos !== $end) {
                    $this->fail('an array key must be an integer or string literal or a constant');
                }
                $this->expect('=>');
                $value = $this->parseExpr(false);
            }
            $items[] = [$key, $value];
            if ($this->peek()[0] === ',') {
                $this->next();
                continue;
            }
            if ($this->peek()[0] !== ']') {
                $this->fail('expected "," or "]" in an array, found ' . $this->describe($this->peek()));
            }
        }
        $this->expect(']');
        return ['array', $items];
    }

    private function parseCall(bool $topLevel): array
    {
        $name = $this->next()[1];
        $lower = strtolower($name);
        if (!isset($this->functions[$lower])) {
            $this->fail('unknown function ' . $name . '()');
        }
        $info = $this->functions[$lower];
        $this->expect('(');
        $args = [];
        $hasRef = false;
        while ($this->peek()[0] !== ')') {
            $index = count($args);
            if ($info['byref'][$index] ?? false) {
                $t = $this->peek();
                $n = $this->peek(1)[0];
                if ($t[0] !== 'var' || ($n !== ',' && $n !== ')')) {
                    $this->fail('argument #' . ($index + 1) . ' of ' . $info['name'] . '() is taken by reference and must be a plain $variable');
                }
                $this->next();
                $args[] = ['ref', $t[1]];
                $hasRef = true;
            } else {
                $args[] = $this->parseExpr(false);
            }
            if ($this->peek()[0] === ',') {
                $this->next();
                continue;
            }
            if ($this->peek()[0] !== ')') {
                $this->fail('expected "," or ")" in the arguments of ' . $info['name'] . '(), found ' . $this->describe($this->peek()));
            }
        }
        $this->expect(')');
        if ($hasRef && !$topLevel) {
            $this->fail('a call with by-reference arguments must be the statement itself');
        }
        return ['call', $info['name'], $args, $hasRef];
    }
}

/** Executes parsed statements and prints the transcript. */
final class Runner
{
    private array $vars = [];
    /** @var list<string> */
    private array $diag = [];
    /** Everything printed or created that must stay alive (objects, resources). */
    private array $keep = [];
    private array $objectIds = [];     // spl_object_id => label
    private array $classCounters = []; // class => count
    private array $resourceIds = [];   // resource id => N
    private array $constants;
    private array $masks;

    public function __construct(array $masks, string $tmp)
    {
        $this->vars['tmp'] = $tmp;
        $this->masks = array_values(array_unique(array_merge(['tmp'], $masks)));
        $defined = get_defined_constants(true);
        $this->constants = ($defined['Core'] ?? []) + ($defined['sockets'] ?? []);
    }

    public function handleError(int $level, string $message): bool
    {
        $name = match ($level) {
            E_WARNING, E_USER_WARNING, E_CORE_WARNING, E_COMPILE_WARNING => 'Warning',
            E_NOTICE, E_USER_NOTICE => 'Notice',
            E_DEPRECATED, E_USER_DEPRECATED => 'Deprecated',
            E_RECOVERABLE_ERROR => 'Recoverable fatal error',
            default => 'Warning',
        };
        $this->diag[] = "  ! $name: $message";
        return true;
    }

    public function run(array $statements): void
    {
        set_error_handler([$this, 'handleError']);
        foreach ($statements as $i => $s) {
            $this->diag = [];
            $refs = [];
            $out = ['[' . ($i + 1) . '] ' . $s['source']];
            $threw = null;
            $value = null;
            try {
                $value = $this->statement($s['stmt'], $refs);
            } catch (Throwable $e) {
                $threw = $e;
            }
            $lastError = socket_last_error();
            if ($threw === null) {
                $out[] = '  = ' . $this->show($value);
            }
            foreach ($this->diag as $d) {
                $out[] = $d;
            }
            if ($threw !== null) {
                $out[] = '  throw ' . get_class($threw) . ': ' . $threw->getMessage();
            }
            foreach ($refs as [$name, $v]) {
                $out[] = '  $' . $name . ' = ' . $this->show($v);
            }
            $out[] = '  last_error = ' . $lastError;
            echo implode("\n", $out), "\n";
        }
        restore_error_handler();
    }

    /** @param list<array{0:string,1:mixed}> $refs by-reference values, filled even when the call throws */
    private function statement(array $stmt, array &$refs): mixed
    {
        if ($stmt[0] === 'call') {
            return $this->call($stmt, $refs);
        }
        // ['assign', name, expr]
        $expr = $stmt[2];
        $value = $expr[0] === 'call' ? $this->call($expr, $refs) : $this->evaluate($expr);
        $this->vars[$stmt[1]] = $value;
        return $value;
    }

    private function call(array $node, array &$refs): mixed
    {
        [, $name, $argNodes] = $node;
        $args = [];
        $refNames = [];
        $reached = 0;
        try {
            foreach ($argNodes as $i => $arg) {
                if ($arg[0] === 'ref') {
                    $args[$i] = &$this->vars[$arg[1]];
                    $refNames[] = [$arg[1], true];
                } else {
                    $args[$i] = $this->evaluate($arg);
                }
                $reached = $i + 1;
            }
            $result = call_user_func_array($name, $args);
            $this->keepAlive($result);
            return $result;
        } finally {
            unset($args);
            foreach ($argNodes as $i => $arg) {
                if ($arg[0] === 'ref') {
                    $v = $i < $reached ? $this->vars[$arg[1]] : null;
                    $this->keepAlive($v);
                    $refs[] = [$arg[1], $v];
                }
            }
        }
    }

    private function evaluate(array $node): mixed
    {
        switch ($node[0]) {
            case 'lit':
                return $node[1];
            case 'const':
                return $this->constant($node[1]);
            case 'var':
                return $this->readVar($node[1], $node[2]);
            case 'call':
                $refs = [];
                return $this->call($node, $refs);
            case 'array':
                if ($node[1] === []) {
                    return [];
                }
                // An array literal starts with no next free key (after a negative key -5 the next
                // one is -4 in a PHP 8.2 literal, unlike `$a = []; $a[-5] = 1; $a[] = 2;`).
                $a = ['k' => null];
                unset($a['k']);
                foreach ($node[1] as [$keyNode, $valueNode]) {
                    if ($keyNode === null) {
                        $a[] = $this->evaluate($valueNode);
                    } else {
                        $k = $this->evaluate($keyNode);
                        $a[$k] = $this->evaluate($valueNode);
                    }
                }
                return $a;
            case 'concat':
            case 'or':
                return $this->chain($node[0], $node[1]);
        }
        throw new LogicException('unknown node ' . $node[0]);
    }

    private function constant(string $name): mixed
    {
        if (!array_key_exists($name, $this->constants)) {
            throw new Error('Undefined constant "' . $name . '"');
        }
        return $this->constants[$name];
    }

    private function readVar(string $name, array $keys): mixed
    {
        if ($keys === []) {
            return $this->plainVar($name);
        }
        // PHP evaluates the first key before it reads the variable.
        $key = $this->evaluate($keys[0]);
        $value = $this->plainVar($name);
        $value = $value[$key];
        for ($k = 1; $k < count($keys); $k++) {
            $key = $this->evaluate($keys[$k]);
            $value = $value[$key];
        }
        return $value;
    }

    private function plainVar(string $name): mixed
    {
        if (!array_key_exists($name, $this->vars)) {
            $this->diag[] = '  ! Warning: Undefined variable $' . $name;
            return null;
        }
        return $this->vars[$name];
    }

    private function chain(string $op, array $items): mixed
    {
        $isPlain = static fn(array $n): bool => $n[0] === 'var' && $n[2] === [];
        // First pair: a plain variable operand is read when the operator runs.
        [$left, $right] = [$items[0], $items[1]];
        $l = $isPlain($left) ? null : $this->evaluate($left);
        $r = $isPlain($right) ? null : $this->evaluate($right);
        if ($isPlain($left)) {
            $l = $this->plainVar($left[1]);
        }
        if ($isPlain($right)) {
            $r = $this->plainVar($right[1]);
        }
        $acc = $op === 'concat' ? $l . $r : $l | $r;
        for ($k = 2; $k < count($items); $k++) {
            $v = $this->evaluate($items[$k]);
            $acc = $op === 'concat' ? $acc . $v : $acc | $v;
        }
        return $acc;
    }

    private function keepAlive(mixed $v): void
    {
        if (is_object($v) || is_resource($v) || gettype($v) === 'resource (closed)') {
            $this->keep[] = $v;
        } elseif (is_array($v)) {
            array_walk_recursive($v, function ($x) {
                if (is_object($x) || is_resource($x)) {
                    $this->keep[] = $x;
                }
            });
        }
    }

    // ---- printing ---------------------------------------------------------------------------

    private function show(mixed $v): string
    {
        if ($v === null) {
            return 'NULL';
        }
        if ($v === true) {
            return 'true';
        }
        if ($v === false) {
            return 'false';
        }
        if (is_int($v)) {
            if ($v >= 256 || $v <= -256) {
                foreach ($this->masks as $m) {
                    if (array_key_exists($m, $this->vars) && $this->vars[$m] === $v) {
                        return '<$' . $m . '>';
                    }
                }
            }
            return (string)$v;
        }
        if (is_float($v)) {
            ob_start();
            var_dump($v);
            return rtrim(ob_get_clean(), "\n");
        }
        if (is_string($v)) {
            $s = self::escape($v);
            foreach ($this->masks as $m) {
                if (array_key_exists($m, $this->vars) && is_string($this->vars[$m]) && $this->vars[$m] !== '') {
                    $s = str_replace(self::escape($this->vars[$m]), '<$' . $m . '>', $s);
                }
            }
            return '"' . $s . '"';
        }
        if (is_array($v)) {
            $parts = [];
            foreach ($v as $k => $x) {
                $parts[] = $this->show($k) . ' => ' . $this->show($x);
            }
            return '[' . implode(', ', $parts) . ']';
        }
        if (is_object($v)) {
            $this->keep[] = $v;
            $id = spl_object_id($v);
            if (!isset($this->objectIds[$id])) {
                $class = get_class($v);
                $n = $this->classCounters[$class] = ($this->classCounters[$class] ?? 0) + 1;
                $this->objectIds[$id] = match ($class) {
                    'Socket' => 'Socket#' . $n,
                    'AddressInfo' => 'AddressInfo#' . $n,
                    default => 'object(' . $class . ')#' . $n,
                };
            }
            return $this->objectIds[$id];
        }
        // A resource, open or closed.
        $this->keep[] = $v;
        $id = get_resource_id($v);
        if (!isset($this->resourceIds[$id])) {
            $this->resourceIds[$id] = count($this->resourceIds) + 1;
        }
        return 'resource(' . get_resource_type($v) . ')#' . $this->resourceIds[$id];
    }

    public static function escape(string $s): string
    {
        $out = '';
        $n = strlen($s);
        for ($i = 0; $i < $n; $i++) {
            $c = $s[$i];
            $o = ord($c);
            if ($c === '"' || $c === '\\') {
                $out .= '\\' . $c;
            } elseif ($o >= 0x20 && $o <= 0x7e) {
                $out .= $c;
            } else {
                $out .= sprintf('\\x%02x', $o);
            }
        }
        return $out;
    }
}

function missing_requirement(array $requires): ?string
{
    foreach ($requires as $r) {
        switch ($r) {
            case 'ipv6':
                $s = @socket_create(AF_INET6, SOCK_DGRAM, 0);
                $ok = $s !== false && @socket_bind($s, '::1', 0);
                if ($s !== false) {
                    socket_close($s);
                }
                break;
            case 'unix':
                $s = @socket_create(AF_UNIX, SOCK_STREAM, 0);
                $ok = $s !== false;
                if ($ok) {
                    socket_close($s);
                }
                break;
            case 'root':
                $ok = false;
                $status = @file_get_contents('/proc/self/status');
                if (is_string($status) && preg_match('/^Uid:\s+\d+\s+(\d+)/m', $status, $m)) {
                    $ok = $m[1] === '0';
                } elseif (function_exists('posix_geteuid')) {
                    $ok = posix_geteuid() === 0;
                }
                break;
            default:
                $ok = false;
        }
        if (!$ok) {
            return $r;
        }
    }
    return null;
}

function make_tmp(): string
{
    $base = rtrim(sys_get_temp_dir(), '/');
    if ($base === '' || strlen($base) > 18 || !is_dir($base)) {
        $base = '/tmp';
    }
    for ($try = 0; $try < 100; $try++) {
        $dir = $base . '/pss-' . bin2hex(random_bytes(6));
        if (@mkdir($dir, 0700)) {
            return $dir;
        }
    }
    fwrite(STDERR, "runner: cannot create a temporary directory under $base\n");
    exit(1);
}

function remove_tree(string $path): void
{
    if (is_link($path) || !is_dir($path)) {
        @unlink($path);
        return;
    }
    foreach (scandir($path) ?: [] as $entry) {
        if ($entry !== '.' && $entry !== '..') {
            remove_tree($path . '/' . $entry);
        }
    }
    @rmdir($path);
}

function main(array $argv): int
{
    if (count($argv) !== 2) {
        fwrite(STDERR, "usage: php -n -d extension=sockets -d error_reporting=-1 runner.php FILE.scn < /dev/null\n");
        return 1;
    }
    if (!extension_loaded('sockets')) {
        fwrite(STDERR, "runner: the sockets extension is not loaded (add -d extension=sockets)\n");
        return 1;
    }
    $file = $argv[1];
    $text = @file_get_contents($file);
    if (!is_string($text)) {
        fwrite(STDERR, "runner: cannot read $file\n");
        return 1;
    }
    $parser = new Parser();
    try {
        $parser->parseFile($text);
    } catch (Malformed $e) {
        fwrite(STDERR, $file . ':' . $e->lineNo . ': malformed scenario: ' . $e->getMessage() . "\n");
        return 2;
    }
    $missing = missing_requirement($parser->requires);
    if ($missing !== null) {
        echo "SKIP $missing\n";
        return 0;
    }
    $tmp = make_tmp();
    register_shutdown_function('release_descriptors');
    register_shutdown_function('remove_tree', $tmp);
    $runner = new Runner($parser->masks, $tmp);
    $runner->run($parser->statements);
    return 0;
}

exit(main($argv));
