<?php
/*
 * Drives the service with PHP's own SoapClient in WSDL mode, configured as ShipStream's Magento 1
 * plugin configures it, so the tests see exactly what ShipStream would see.
 *
 * Input (stdin, JSON): {"wsdl": url, "basicAuth": [user, key]?, "steps": [step, ...]}
 * A step is {"op": "login"|"call"|"multiCall"|"endSession"|"startSession"|"resources"|"globalFaults"|
 *            "resourceFaults"|"roundTrip", ...}; "session": "@login" stands for the last login's result.
 * Output (stdout, JSON): one result per step: {"ok": value, "phpType": ..., "hasObject": bool}
 * or {"fault": {"code": faultcode, "string": faultstring}}.
 */
error_reporting(E_ALL);
$input = json_decode(stream_get_contents(STDIN), true, 512, JSON_THROW_ON_ERROR);

$options = [
    'connection_timeout' => 5,
    'user_agent' => 'ShipStream Magento1 Plugin',
    'keep_alive' => true,
    'cache_wsdl' => WSDL_CACHE_NONE,
    'trace' => 1,
];
if (!empty($input['basicAuth'])) {
    $options['login'] = $input['basicAuth'][0];
    $options['password'] = $input['basicAuth'][1];
}

/** Values of every PHP type the protocol carries, for the round trip. */
function samples(): array {
    return [
        'string' => 'plain text',
        'xml_special' => '<&>"\' </callReturn> ]]> &amp;',
        'unicode' => 'Grüße aus Köln – 東京 Ωμέγα',
        'whitespace' => "line one\nline two\r\nthree\ttabbed  ",
        'empty_string' => '',
        'int' => 42,
        'negative_int' => -7,
        'zero' => 0,
        'big_int' => PHP_INT_MAX,
        'float' => 2.5,
        'whole_float' => 3.0,
        'negative_float' => -5.0,
        'small_float' => 1.0E-5,
        // PHP's encoder writes floats with 14 significant digits (ini "precision"), so 0.1 + 0.2
        // would leave PHP as 0.3 whatever the server does; 0.1 survives the trip both ways
        'decimal_float' => 0.1,
        'true' => true,
        'false' => false,
        'null' => null,
        'empty_list' => [],
        'list' => [1, 2, 3],
        'string_list' => ['a', 'b'],
        'mixed_list' => ['a', 1, 2.5, true, null],
        'map' => ['sku' => 'A-1', 'qty' => 2],
        'int_key_map' => [5 => 'five', 7 => 'seven'],
        'nested' => ['items' => [['sku' => 'A', 'qty' => 1.5], ['sku' => 'B', 'qty' => 2]],
                     'meta' => ['empty' => [], 'nil' => null, 'deep' => [[['x']]]]],
    ];
}

function hasObject($value): bool {
    if (is_object($value)) {
        return true;
    }
    if (is_array($value)) {
        foreach ($value as $v) {
            if (hasObject($v)) {
                return true;
            }
        }
    }
    return false;
}

function result($value): array {
    return ['ok' => $value, 'phpType' => gettype($value), 'hasObject' => hasObject($value)];
}

$results = [];
$session = null;
try {
    $client = new SoapClient($input['wsdl'], $options);
} catch (Throwable $e) {
    echo json_encode([['fault' => ['code' => 'client', 'string' => $e->getMessage()]]]);
    exit(0);
}
foreach ($input['steps'] as $step) {
    $sid = array_key_exists('session', $step) ? ($step['session'] === '@login' ? $session : $step['session']) : $session;
    try {
        switch ($step['op']) {
            case 'login':
                $session = $client->login($step['username'], $step['apiKey']);
                $results[] = result($session);
                break;
            case 'call':
                $results[] = array_key_exists('args', $step)
                    ? result($client->call($sid, $step['path'], $step['args']))
                    : result($client->call($sid, $step['path']));
                break;
            case 'multiCall':
                $results[] = result($client->multiCall($sid, $step['calls'], $step['options'] ?? null));
                break;
            case 'endSession':
                $results[] = result($client->endSession($sid));
                break;
            case 'startSession':
                $results[] = result($client->startSession());
                break;
            case 'resources':
                $results[] = result($client->resources($sid));
                break;
            case 'globalFaults':
                $results[] = result($client->globalFaults($sid));
                break;
            case 'resourceFaults':
                $results[] = result($client->resourceFaults($step['resource'], $sid));
                break;
            case 'roundTrip':
                // every sample through the echo method (compared here with ===) and through
                // set_config (PHP's own serialize() reported, to compare with the stored row)
                $report = [];
                foreach (samples() as $name => $value) {
                    $echoed = $client->call($sid, 'test_echo.echo', [$value]);
                    $stored = $client->call($sid, 'shipstream.set_config', ['roundtrip/' . $name, $value]);
                    $report[$name] = [
                        'same' => $echoed === $value,
                        'sent' => var_export($value, true),
                        'got' => var_export($echoed, true),
                        'serialized' => serialize($value),
                        'setConfigReturned' => $stored,
                    ];
                }
                $results[] = result($report);
                break;
            default:
                throw new InvalidArgumentException('unknown op ' . $step['op']);
        }
    } catch (SoapFault $fault) {
        $results[] = ['fault' => ['code' => $fault->faultcode, 'string' => $fault->faultstring]];
    }
}
echo json_encode($results, JSON_PRESERVE_ZERO_FRACTION | JSON_INVALID_UTF8_SUBSTITUTE);
