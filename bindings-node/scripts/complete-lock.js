#!/usr/bin/env node
'use strict'
// The npm registry reachable from this project's machines serves only the
// platform packages of the machine it runs on, so `npm install` writes a
// package-lock.json that lacks the other platforms' optional binaries of
// @napi-rs/cli's dependencies (…-darwin-arm64, …-win32-x64-msvc, …), and
// `npm ci` then refuses the lock as "out of sync". This script adds those
// entries (version, os/cpu/libc from the napi-rs naming convention; no
// integrity since they cannot be fetched here) so that `npm ci` works on any
// machine and skips them where they do not apply. Run after `npm install`.
const fs = require('node:fs')
const path = require('node:path')

const lockPath = path.join(__dirname, '..', 'package-lock.json')
const lock = JSON.parse(fs.readFileSync(lockPath, 'utf8'))

const OS = { android: 'android', darwin: 'darwin', freebsd: 'freebsd', linux: 'linux', win32: 'win32', wasm32: null }
const CPU = { arm: 'arm', 'arm-eabi': 'arm', arm64: 'arm64', x64: 'x64', ia32: 'ia32', ppc64: 'ppc64', riscv64: 'riscv64', s390x: 's390x' }

function platformOf(name) {
  const m = /-(android|darwin|freebsd|linux|win32|wasm32)-([a-z0-9]+)(?:-([a-z]+))?$/.exec(name)
  if (!m) return null
  const [, os, arch, abi] = m
  if (os === 'wasm32') return { cpu: ['wasm32'] }
  const out = { os: [OS[os]], cpu: [CPU[arch] ?? arch] }
  if (os === 'linux' && abi === 'musl') out.libc = ['musl']
  if (os === 'linux' && (abi === 'gnu' || abi === 'gnueabihf')) out.libc = ['glibc']
  if (os === 'android' && abi === 'eabi') out.cpu = ['arm']
  return out
}

let added = 0
for (const [key, entry] of Object.entries(lock.packages)) {
  for (const [dep, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const at = `node_modules/${dep}`
    const nested = `${key}/node_modules/${dep}`
    if (lock.packages[at] || lock.packages[nested]) continue
    const platform = platformOf(dep)
    if (!platform) continue
    lock.packages[at] = { version, dev: true, optional: true, license: 'MIT', ...platform }
    added++
  }
}
const sorted = {}
for (const key of Object.keys(lock.packages).sort((a, b) => (a === '' ? -1 : b === '' ? 1 : a < b ? -1 : a > b ? 1 : 0))) {
  sorted[key] = lock.packages[key]
}
lock.packages = sorted
fs.writeFileSync(lockPath, JSON.stringify(lock, null, 2) + '\n')
console.log(`complete-lock: added ${added} platform entries`)
