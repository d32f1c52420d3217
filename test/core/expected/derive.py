#!/usr/bin/env python3
"""Derives the expected records of a capture by walking its EBML bytes, independently of the
TypeScript reader (whole-file, recursive, no shared code). Usage: derive.py FILE > NAME.json;
derive.py --appended SEED... > appended.json for the fixtures cut and appended (where the reader resyncs).
The output was reviewed against mkvinfo-style dumps (derive.py --dump FILE) before being committed.
derive.py --tracks FILE prints each record's trackStats; derive.py --elements FILE prints one JSON line per
element (chunk, depth, id, offset, headerSize, size) in file order: the core tests run these at test time."""
import json, struct, sys

EBML, SEGMENT, CLUSTER, TAGS, TAG, SIMPLETAG = 0x1A45DFA3, 0x18538067, 0x1F43B675, 0x1254C367, 0x7373, 0x67C8
INFO, TRACKS, TRACKENTRY, VIDEO, AUDIO = 0x1549A966, 0x1654AE6B, 0xAE, 0xE0, 0xE1
MASTERS = {EBML, SEGMENT, 0x114D9B74, 0x4DBB, INFO, TRACKS, TRACKENTRY, VIDEO, AUDIO, CLUSTER, 0xA0, 0x1C53BB6B,
           0xBB, 0xB7, TAGS, TAG, 0x63C0, SIMPLETAG, 0x1043A770, 0x1941A469, 0x6D80, 0x6240, 0x55B0}
SEGMENT_LEVEL = {0x114D9B74, INFO, TRACKS, CLUSTER, 0x1C53BB6B, TAGS, 0x1043A770, 0x1941A469}
CLUSTER_LEVEL = {0xE7, 0xA3, 0xA0, 0xA7, 0xAB}


def vint(data, p):
    first = data[p]
    width = 1
    while not first & (0x80 >> (width - 1)):
        width += 1
    return width


class El:
    def __init__(self, id, off, hdr, size, unknown):
        self.id, self.off, self.hdr, self.size, self.unknown = id, off, hdr, size, unknown
        self.children, self.end, self.complete = [], None, True

    def body(self, data):
        return data[self.off + self.hdr:self.end]


def parse(data):
    """Returns the top-level elements; unknown sizes end where a non-descendant begins; cut-off ones are incomplete."""
    top, stack, p = [], [], 0
    while p < len(data):
        while stack and stack[-1].end is not None and p >= stack[-1].end:
            stack.pop()
        iw = vint(data, p)
        if p + iw >= len(data):
            break
        sw = vint(data, p + iw)
        if p + iw + sw > len(data):
            break
        eid = int.from_bytes(data[p:p + iw], 'big')
        raw = int.from_bytes(data[p + iw:p + iw + sw], 'big') & ((1 << (7 * sw)) - 1)
        unknown = raw == (1 << (7 * sw)) - 1
        if eid in (EBML, SEGMENT):
            parents = {None}
        elif eid in SEGMENT_LEVEL:
            parents = {SEGMENT}
        elif eid in CLUSTER_LEVEL:
            parents = {CLUSTER}
        else:
            parents = None
        if parents is not None:
            while stack and stack[-1].unknown and stack[-1].id not in parents:
                stack[-1].end = p
                stack.pop()
        el = El(eid, p, iw + sw, raw, unknown)
        (stack[-1].children if stack else top).append(el)
        if eid in MASTERS or unknown:
            el.end = None if unknown else p + iw + sw + raw
            if el.end is not None and el.end > len(data):
                el.complete = False
            stack.append(el)
            p += iw + sw
        else:
            el.end = p + iw + sw + raw
            if el.end > len(data):
                el.complete, el.end = False, len(data)
            p = el.end
    for el in stack:
        if el.end is None or el.end > len(data):
            el.end = len(data)
    return top


def uint(b):
    return int.from_bytes(b, 'big') if b else 0


def text(b):
    return b.split(b'\0', 1)[0].decode('utf-8', 'replace')


def secs_to_ms(t):
    import re
    m = re.fullmatch(r'\s*(\d{1,16})(?:\.(\d*))?\s*', t)
    return None if not m else int(m.group(1)) * 1000 + int(((m.group(2) or '')[:3]).ljust(3, '0'))


def walk_tags(tags_el, data, depth_out):
    for tag in tags_el.children:
        if tag.id != TAG:
            continue
        for st in tag.children:
            if st.id == SIMPLETAG:
                simple(st, data, 0, depth_out)


def simple(st, data, depth, out):
    entry = {'name': '', 'value': '', 'depth': depth}
    out.append(entry)
    for c in st.children:
        if c.id == 0x45A3:
            entry['name'] = text(c.body(data))
        elif c.id == 0x4487:
            entry['value'] = text(c.body(data))
        elif c.id == 0x4485:
            entry['value'], entry['binary'] = c.body(data).hex(), True
        elif c.id == SIMPLETAG:
            simple(c, data, depth + 1, out)


def tracks_of(el, data):
    out = []
    for te in el.children:
        if te.id != TRACKENTRY:
            continue
        t = {'number': 0, 'codecId': None, 'type': None}
        for c in te.children:
            b = c.body(data)
            if c.id == 0xD7: t['number'] = uint(b)
            elif c.id == 0x83: t['type'] = uint(b)
            elif c.id == 0x86: t['codecId'] = text(b)
            elif c.id == 0x536E: t['name'] = text(b)
            elif c.id in (VIDEO, AUDIO):
                for v in c.children:
                    vb = v.body(data)
                    if v.id == 0xB0: t['width'] = uint(vb)
                    elif v.id == 0xBA: t['height'] = uint(vb)
                    elif v.id == 0xB5: t['samplingFrequency'] = struct.unpack('>f' if len(vb) == 4 else '>d', vb)[0]
                    elif v.id == 0x9F: t['channels'] = uint(vb)
        out.append(t)
    return out


GETMEDIA = {'AWS_KINESISVIDEO_FRAGMENT_NUMBER', 'AWS_KINESISVIDEO_SERVER_TIMESTAMP', 'AWS_KINESISVIDEO_CONTINUATION_TOKEN',
            'AWS_KINESISVIDEO_ERROR_ID', 'AWS_KINESISVIDEO_ERROR_CODE'}
CLOSING = {'AWS_KINESISVIDEO_MILLIS_BEHIND_NOW', 'AWS_KINESISVIDEO_CONTINUATION_TOKEN', 'AWS_KINESISVIDEO_ERROR_ID', 'AWS_KINESISVIDEO_ERROR_CODE'}


def records(data):
    top = parse(data)
    chunks = []  # (start, header_el, segment_el)
    pending_header = None
    for el in top:
        if el.id == EBML:
            if pending_header: chunks.append((pending_header.off, pending_header, None))
            pending_header = el
        elif el.id == SEGMENT:
            chunks.append(((pending_header or el).off, pending_header, el))
            pending_header = None
    if pending_header: chunks.append((pending_header.off, pending_header, None))
    out = []
    for ci, (start, header, seg) in enumerate(chunks):
        chunk_end = chunks[ci + 1][0] if ci + 1 < len(chunks) else len(data)
        ranges, scale, tracks = {}, 1000000, []
        if header: ranges['ebmlHeader'] = {'offset': header.off, 'length': header.end - header.off}
        children = seg.children if seg else []
        for c in children:
            if c.id == INFO:
                ranges['info'] = {'offset': c.off, 'length': c.end - c.off}
                for i in c.children:
                    if i.id == 0x2AD7B1: scale = uint(i.body(data)) or 1000000
            elif c.id == TRACKS:
                ranges['tracks'] = {'offset': c.off, 'length': c.end - c.off}
                tracks = tracks_of(c, data)
        names = []
        for c in children:
            if c.id == TAGS:
                tmp = []; walk_tags(c, data, tmp); names += [t['name'] for t in tmp]
        getmedia = any(n in GETMEDIA for n in names)
        clusters = [c for c in children if c.id == CLUSTER]
        if getmedia:
            # A Segment carrying several fragments: a chunk ends with its closing Tags; the next Tags/Cluster starts one.
            parts, cur, cur_start, closed = [], [], start, False
            for c in children:
                if closed and c.id in (TAGS, CLUSTER):
                    parts.append((cur_start, cur)); cur, cur_start, closed = [], c.off, False
                cur.append(c)
                if c.id == TAGS:
                    tmp = []; walk_tags(c, data, tmp)
                    closed = closed or any(t['name'] in CLOSING and not t.get('binary') for t in tmp)
            parts.append((cur_start, cur))
        elif len(clusters) <= 1:
            parts = [(start, children)]
        else:
            parts, cur, cur_start = [], [], start
            for c in children:
                if c.id == CLUSTER and any(x.id == CLUSTER for x in cur):
                    parts.append((cur_start, cur)); cur, cur_start = [], c.off
                cur.append(c)
            parts.append((cur_start, cur))
        for pi, (pstart, els) in enumerate(parts):
            pend = parts[pi + 1][0] if pi + 1 < len(parts) else chunk_end
            out.append(build(data, pstart, pend, els, ranges, scale, tracks, pi == len(parts) - 1 and cut_off(seg, header, data)))
    return out


def cut_off(seg, header, data):
    def incomplete(el):
        return not el.complete or any(incomplete(c) for c in el.children)
    return any(el is not None and incomplete(el) for el in (header, seg))


def build(data, start, end, els, ranges, scale, tracks, truncated):
    r = {'byteOffset': start, 'fragmentNumber': None, 'serverTimestamp': None, 'producerTimestamp': None,
         'serverTimestampText': None, 'producerTimestampText': None, 'millisBehindNow': None, 'continuationToken': None,
         'errorId': None, 'errorCode': None, 'clusterTimecode': None, 'timecodeScale': scale, 'frames': 0, 'keyframes': 0,
         'tracks': tracks, 'tags': [], 'truncated': truncated}
    rng = dict(ranges)
    times, first_block = [], None
    per_track = {}
    last_meaningful = None
    for c in els:
        if c.id == TAGS:
            tags = []; walk_tags(c, data, tags); r['tags'] += tags
            last_meaningful = ('tags', c, any(t['name'] in CLOSING for t in tags))
        if c.id == CLUSTER:
            last_meaningful = ('cluster', c, False)
            if 'cluster' not in rng: rng['cluster'] = {'offset': c.off, 'length': c.end - c.off}
            tc = 0
            for b in c.children:
                if b.id == 0xE7:
                    tc = uint(b.body(data))
                    if r['clusterTimecode'] is None: r['clusterTimecode'] = tc
                if b.id in (0xA3, 0xA0) and b.complete:
                    if b.id == 0xA3:
                        head, key, size = b.body(data), None, b.size
                    else:
                        blk = [x for x in b.children if x.id == 0xA1]
                        head = blk[0].body(data) if blk else b''
                        size = blk[0].size if blk else 0
                        key = not any(x.id == 0xFB for x in b.children)
                    w = vint(head, 0)
                    track = int.from_bytes(head[:w], 'big') & ((1 << (7 * w)) - 1)
                    rel = struct.unpack('>h', head[w:w + 2])[0]
                    if key is None: key = bool(head[w + 2] & 0x80)
                    r['frames'] += 1; r['keyframes'] += 1 if key else 0
                    times.append(tc + rel)
                    if first_block is None: first_block = (track, key)
                    t = per_track.setdefault(track, {'number': track, 'frames': 0, 'keyframes': 0, 'bytes': 0, 'times': []})
                    t['frames'] += 1; t['keyframes'] += 1 if key else 0; t['bytes'] += size; t['times'].append(tc + rel)
    for t in r['tags']:
        n, v = t['name'], t['value']
        if n == 'AWS_KINESISVIDEO_FRAGMENT_NUMBER': r['fragmentNumber'] = v
        elif n == 'AWS_KINESISVIDEO_SERVER_TIMESTAMP': r['serverTimestampText'], r['serverTimestamp'] = v, secs_to_ms(v)
        elif n == 'AWS_KINESISVIDEO_PRODUCER_TIMESTAMP': r['producerTimestampText'], r['producerTimestamp'] = v, secs_to_ms(v)
        elif n == 'AWS_KINESISVIDEO_MILLIS_BEHIND_NOW': r['millisBehindNow'] = int(v)
        elif n == 'AWS_KINESISVIDEO_CONTINUATION_TOKEN': r['continuationToken'] = v
        elif n == 'AWS_KINESISVIDEO_ERROR_CODE': r['errorCode'] = v
        elif n == 'AWS_KINESISVIDEO_ERROR_ID': r['errorId'] = int(v)
    if r['errorId'] is not None:
        raise SystemExit('error chunks: add their catalogue meaning here')
    r['errorMeaning'] = None
    if last_meaningful and last_meaningful[2] and not truncated:
        end = last_meaningful[1].end
    r['byteLength'] = end - start
    r['durationMs'] = round((max(times) - min(times)) * scale / 1e6) if times else None
    r['ranges'] = rng
    r['_firstBlock'] = first_block
    video = [t['number'] for t in tracks if t.get('type') == 1]
    r['_firstVideoBlock'] = None
    for c in els:
        if c.id == CLUSTER and r['_firstVideoBlock'] is None:
            for b in c.children:
                if b.id in (0xA3, 0xA0) and b.complete:
                    head = b.body(data) if b.id == 0xA3 else next((x.body(data) for x in b.children if x.id == 0xA1), b'')
                    w = vint(head, 0)
                    track = int.from_bytes(head[:w], 'big') & ((1 << (7 * w)) - 1)
                    if track in video:
                        key = bool(head[w + 2] & 0x80) if b.id == 0xA3 else not any(x.id == 0xFB for x in b.children)
                        r['_firstVideoBlock'] = (track, key)
                        break
    r['trackStats'] = [{'number': t['number'], 'frames': t['frames'], 'keyframes': t['keyframes'], 'bytes': t['bytes'],
                        'durationMs': round((max(t['times']) - min(t['times'])) * scale / 1e6)} for t in per_track.values()]
    return r


def anomalies(recs):
    prev_tc, prev_fn = None, None
    for i, r in enumerate(recs):
        r['index'] = i
        a, tc, fn = [], r['clusterTimecode'], r['fragmentNumber']
        if tc is not None and prev_tc is not None:
            if tc < prev_tc: a.append(f'cluster timecode went backwards: {tc} after {prev_tc}')
            elif tc == prev_tc: a.append(f"cluster timecode equal to the previous chunk's: {tc}")
        if fn is not None and prev_fn is not None and fn.isdigit() and prev_fn.isdigit() and int(fn) <= int(prev_fn):
            a.append(f'fragment number did not increase: {fn} after {prev_fn}')
        fb = r.pop('_firstBlock')
        fvb = r.pop('_firstVideoBlock')
        fb = fvb or fb
        if fn is not None and fb and not fb[1]:
            a.append(f'fragment does not start with a keyframe: first block (track {fb[0]}) is not key')
        p, s = r['producerTimestamp'], r['serverTimestamp']
        if p is not None and s is not None and p > s: a.append(f'producer time ahead of server time: by {p - s} ms')
        if r['truncated']: a.append('cut off: the input ended inside this chunk')
        r['anomalies'] = a
        if tc is not None: prev_tc = tc
        if fn is not None: prev_fn = fn
    return recs


# --- Appended captures: where the reader must resync (its rules, restated here from the issue, not from its code) ---
# Reading stops at the first fault; the search for the next chunk start (an EBML header whose DocType reads, or a
# Segment whose first child is a Segment-level element) runs from the start of the top-level element the fault was
# in (the fault itself when none was open), at most LOOKBACK bytes before the fault; reading resumes there.
LOOKBACK = 128 * 1024
CHUNK_MASTERS = {EBML, SEGMENT, INFO, TRACKS, TRACKENTRY, VIDEO, AUDIO, CLUSTER, 0xA0, TAGS, TAG, SIMPLETAG}
PARENTS = {EBML: {0}, SEGMENT: {0}, TRACKENTRY: {TRACKS}, TAG: {TAGS}, SIMPLETAG: {TAG, SIMPLETAG}}
PARENTS.update({i: {SEGMENT} for i in SEGMENT_LEVEL})
PARENTS.update({i: {CLUSTER} for i in CLUSTER_LEVEL})
SEGMENT_CHILDREN = SEGMENT_LEVEL | {0xEC, 0xBF}
RESERVED = {1: 0xFF, 2: 0x7FFF, 3: 0x3FFFFF, 4: 0x1FFFFFFF}


def width(b):
    return 0 if b == 0 else 8 - b.bit_length() + 1


def size_at(data, p, w):
    raw = int.from_bytes(data[p:p + w], 'big') & ((1 << (7 * w)) - 1)
    return -1 if raw == (1 << (7 * w)) - 1 else raw


def first_fault(data, p):
    """Walks from p as the reader does; returns (fault offset, offset of the open top-level element or None) or None."""
    stack = []  # [id, limit, unknown, offset]
    while p < len(data):
        while stack and stack[-1][1] <= p:
            stack.pop()
        iw = width(data[p])
        if iw == 0 or iw > 4:
            return p, stack[0][3] if stack else None
        if p + iw >= len(data):
            return None
        sw = width(data[p + iw])
        if sw == 0:
            return p + iw, stack[0][3] if stack else None
        if p + iw + sw > len(data):
            return None
        eid = int.from_bytes(data[p:p + iw], 'big')
        if RESERVED[iw] == eid:
            return p, stack[0][3] if stack else None
        size = size_at(data, p + iw, sw)
        if size > 2 ** 53 - 1:
            return p, stack[0][3] if stack else None
        parents = PARENTS.get(eid)
        if parents is not None:
            while stack and stack[-1][2] and stack[-1][0] not in parents:
                stack.pop()
        top = stack[0][3] if stack else None
        if not stack and eid not in (EBML, SEGMENT):
            return p, top
        end = float('inf') if size < 0 else p + iw + sw + size
        limit = stack[-1][1] if stack else float('inf')
        if end > limit:
            return p, top
        parent = stack[-1][0] if stack else 0
        misplaced = parents is not None and parent not in parents
        if misplaced and (size < 0 or eid in (EBML, SEGMENT)):
            return p, top
        if (eid in CHUNK_MASTERS and not misplaced) or size < 0:
            if len(stack) >= 32:
                return p, top
            stack.append([eid, min(end, limit), size < 0, p])
            p += iw + sw
        else:
            p = end
    return None


def doc_type_reads(value):
    text = value.split(b'\0', 1)[0]
    return 0 < len(text) <= 32 and all(0x21 <= c <= 0x7E for c in text)


def chunk_start_at(data, p):
    """True, False, or None when the input ends before it can tell."""
    if p + 5 > len(data):
        return None
    sw = width(data[p + 4])
    if sw == 0:
        return False
    if data[p:p + 4] == b'\x18\x53\x80\x67':
        child = p + 4 + sw
        if child >= len(data):
            return None
        iw = width(data[child])
        if iw == 0 or iw > 4:
            return False
        if child + iw > len(data):
            return None
        return int.from_bytes(data[child:child + iw], 'big') in SEGMENT_CHILDREN
    if p + 4 + sw > len(data):
        return None
    size = size_at(data, p + 4, sw)
    if size < 0 or size > 256:
        return False
    at, end, reads = p + 4 + sw, p + 4 + sw + size, False
    if end > len(data):
        return None
    while at < end:
        iw = width(data[at])
        if iw == 0 or iw > 4 or at + iw >= end:
            return False
        cw = width(data[at + iw])
        if cw == 0 or at + iw + cw > end:
            return False
        csize = size_at(data, at + iw, cw)
        value = at + iw + cw
        if csize < 0 or value + csize > end:
            return False
        if int.from_bytes(data[at:at + iw], 'big') == 0x4282:
            reads = doc_type_reads(data[value:value + csize])
        at = value + csize
    return reads


def next_chunk_start(data, p):
    while p + 4 <= len(data):
        if data[p:p + 4] in (b'\x1a\x45\xdf\xa3', b'\x18\x53\x80\x67'):
            verdict = chunk_start_at(data, p)
            if verdict is None:
                return None
            if verdict:
                return p
        p += 1
    return None


def appended(data):
    """Records of a file of appended captures, read run by run between resyncs, and the resyncs."""
    out, resyncs, start, last = [], [], 0, -1
    while True:
        fault = first_fault(data, start)
        if fault is None:
            runs_end, at = len(data), None
        else:
            f, top = fault
            at = next_chunk_start(data, max(f if top is None else top + 1, f - LOOKBACK, last + 1))
            runs_end = len(data) if at is None else min(f, at)
        for r in records(data[start:runs_end]):
            r['byteOffset'] += start
            out.append(r)
        if at is None:
            return out, resyncs, (None if fault is None else fault[0])
        resyncs.append({'from': min(fault[0], at), 'at': at})
        start, last = at, at


def appended_expectation(seed):
    """Every fixture, in name order, cut at a random offset and appended to the next (the last kept whole)."""
    import glob, os, random
    rng = random.Random(seed)
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'fixtures')
    files = sorted(glob.glob(os.path.join(root, '*', '*.mkv')))
    pieces, data = [], b''
    for k, f in enumerate(files):
        raw = open(f, 'rb').read()
        cut = len(raw) if k == len(files) - 1 else rng.randrange(1, len(raw))
        pieces.append({'file': os.path.relpath(f, root), 'cut': cut})
        data += raw[:cut]
    recs, resyncs, fault = appended(data)
    keep = ['byteOffset', 'byteLength', 'fragmentNumber', 'frames', 'keyframes', 'truncated']
    return {'seed': seed, 'pieces': pieces, 'bytes': len(data), 'fault': fault,
            'records': [{k: r[k] for k in keep} for r in recs], 'resyncs': resyncs}


ORDER = ['index', 'byteOffset', 'byteLength', 'fragmentNumber', 'serverTimestamp', 'producerTimestamp', 'serverTimestampText',
         'producerTimestampText', 'millisBehindNow', 'continuationToken', 'errorId', 'errorCode', 'errorMeaning', 'clusterTimecode',
         'timecodeScale', 'durationMs', 'frames', 'keyframes', 'tracks', 'tags', 'anomalies', 'truncated', 'ranges']

def elements(data):
    """Every element in file order: its chunk is the record whose byte range holds the element's first byte."""
    starts = [r['byteOffset'] for r in records(data)]
    out = []

    def visit(el, depth):
        chunk = max([i for i, s in enumerate(starts) if s <= el.off] or [0])
        out.append({'chunk': chunk, 'depth': depth, 'id': '0x%X' % el.id, 'offset': el.off, 'headerSize': el.hdr,
                    'size': None if el.unknown else el.size})
        for c in el.children:
            visit(c, depth + 1)
    for el in parse(data):
        visit(el, 0)
    return out


if __name__ == '__main__':
    if sys.argv[1] == '--appended':
        # derive.py --appended SEED [SEED...] > appended.json
        print(json.dumps([appended_expectation(int(a)) for a in sys.argv[2:]], indent=1))
        sys.exit(0)
    raw = open(sys.argv[-1], 'rb').read()
    if sys.argv[1] == '--tracks':
        print(json.dumps([r['trackStats'] for r in records(raw)]))
    elif sys.argv[1] == '--elements':
        for e in elements(raw):
            print(json.dumps(e))
    else:
        recs = [{k: r[k] for k in ORDER} for r in anomalies(records(raw))]
        print(json.dumps(recs, indent=1))
