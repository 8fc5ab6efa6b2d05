"""日本語の UI テキスト。キーは text_en.py と同じ（テストが両方のキーと {fields} の一致を確かめます）。
用語は『ゼロから作るDeep Learning』に合わせています（計算グラフ、逆伝播、勾配確認、学習率 …）。"""

TEXT: dict[str, str] = {
    # ---- frame and navigation
    "app.about": (
        "Backprop Explorer は、ニューラルネットワークが学習するようすを、値と勾配をひとつずつ追い"
        "ながら見せます。『ゼロから作るDeep Learning』5章（誤差逆伝播法）に沿っています。数値はすべて"
        "小さな NumPy エンジン `nnlib` が計算しています。"),
    "page.home.title": "ホーム",
    "page.home.blurb": "このアプリで学べること。",
    "page.graph.title": "計算グラフ",
    "page.graph.blurb": "本のリンゴの買い物の計算グラフや自分で入力した式を、ノードごとに一歩ずつ。",
    "page.inside.title": "ネットワークの内側",
    "page.inside.blurb": "1 回の学習ステップを実際の行列で。わざと埋め込んだバグを勾配確認で見つけるラボも。",
    "page.train.title": "ライブ学習",
    "page.train.blurb": "隠れ層のサイズ、活性化関数、学習率を決めて、ネットワークが学習するのを見る。",
    # ---- home
    "home.intro": (
        "ニューラルネットワークは**誤差逆伝播法**で学習します。順伝播で損失を計算し、逆伝播でその"
        "損失の勾配をすべての演算を通して後ろへ送り、各重みを勾配と逆向きに少しだけ動かします。"
        "このアプリはその一歩一歩を目に見えるようにします。本のリンゴの買い物の計算グラフから、"
        "手書き数字を学習するネットワークまで。"),
    "home.start_here": "ここから始める",
    "home.engine": "エンジンにあるもの",
    "home.engine_list": ("- 活性化関数: {activations}\n- 損失関数: {losses}\n"
                         "- 重みの初期値: {inits}\n- 最適化手法: {optimizers}\n"
                         "- データセット: {datasets}"),
    "home.default_data": "既定のデータセット",
    # ---- shared
    "button.reset": "リセット",
    "button.back": "戻る",
    "button.forward": "進む",
    "button.run_all": "最後まで",
    "button.start": "開始",
    "button.pause": "一時停止",
    "button.step": "1 ステップ",
    "phase.forward": "順伝播",
    "phase.backward": "逆伝播",
    "phase.update": "パラメータの更新",
    # ---- computational graphs
    "graph.caption": ("「進む」を押すとノードをひとつずつ計算し、さらに進むと勾配がグラフを逆向きに"
                      "伝わります。各エッジの上に青で値、下に赤で勾配を表示します。"),
    "graph.example": "例",
    "graph.custom": "自分で入力した式",
    "graph.expression": "式",
    "graph.expression_help": "数値、変数名、+ - * / **、exp・log・sigmoid・relu・tanh が使えます。",
    "graph.last_valid": "最後に正しく読めた式を表示しています: `{expression}`",
    "graph.inputs": "入力",
    "graph.math_error": "{error} 入力の値を変えてください。",
    "graph.step": "ステップ",
    "graph.start": "全 {total} ステップ: 順伝播 {forward}、続いて逆伝播 {backward}。「進む」を押してください。",
    "graph.step_of": "ステップ {k} / {total} — {phase}",
    "graph.seed": "出力から逆伝播を始めます: ∂L/∂L = 1（L = {name} = {value}）。",
    "graph.checked": "すべての入力の勾配を数値微分（中心差分）で確認",
    "graph.col_input": "入力",
    "graph.col_backprop": "逆伝播",
    "graph.col_numerical": "数値微分",
    "graph.col_error": "相対誤差",
    "graph.checked_caption": ("数値微分: 小さな h で (f(x + h) − f(x − h)) / 2h。相対誤差が 1e-5 より"
                              "十分小さければ、逆伝播の計算は正しいということです。"),
    # ---- settings shared by pages
    "setting.activation": "活性化関数",
    "setting.loss": "損失関数",
    "setting.seed": "乱数シード",
    # ---- inside the network
    "inside.caption": ("計算グラフと同じ連鎖律を、今度は行列で。小さなネットワークの 1 回の学習ステップを"
                       "すべての配列とともに示し、逆伝播のバグを埋め込んで見つけるラボもあります。"),
    "inside.hidden_empty": "隠れ層のサイズを少なくとも 1 つ入力してください（例: 3 や 30, 20）。",
    "inside.hidden_bad": "隠れ層のサイズは 1 から 64 の整数です。「{part}」は使えません。",
    "inside.hidden_many": "行列が読めるように、ここでは隠れ層は 3 層までです。",
    "inside.data": "データ",
    "inside.data_toy": "2 次元の 1 点",
    "inside.data_digits": "digits のミニバッチ",
    "inside.hidden": "隠れ層のサイズ",
    "inside.hidden_help": "例: 3 や 30, 20",
    "inside.batch": "バッチサイズ N",
    "inside.tab_step": "1 回の学習ステップ",
    "inside.tab_lab": "勾配確認ラボ",
    "inside.shapes": "形状: {shapes}",
    "inside.loss_before": "更新前の損失",
    "inside.loss_after": "更新後の損失",
    "inside.edges_w": "重み W",
    "inside.edges_dw": "勾配 dW",
    "inside.code": "この計算をするコード: nnlib.layers.{name}",
    "inside.lab_intro": ("このネットワークの**コピー**に古典的なバグを 1 つ以上埋め込み、勾配確認を"
                         "実行します。すべてのパラメータについて、逆伝播の勾配と数値微分 "
                         "(L(w + h) − L(w − h)) / 2h を比べます。"),
    "inside.planted": "埋め込むバグ",
    "inside.batch_one": ("バッチが 1 サンプルだと、バッチサイズ N に関するバグは現れません。"
                         "見つけるには N ≥ 2 にしてください。"),
    "inside.checking": "すべてのパラメータを数値微分で確認しています…",
    "inside.caught_early": "比較する前に見つかりました: {error}",
    "inside.disagrees": "{params} で逆伝播の勾配と数値微分が一致しません。",
    "inside.all_pass": "すべてのパラメータが合格: 逆伝播の勾配と数値微分が一致しています。",
    "inside.near_kink": ("ReLU への入力のどれかが 0 から 0.001 以内にあり、数値微分が折れ目をまたぐため"
                         "正しいコードでも一致しないことがあります。別のシードを試してください。"),
    "inside.col_param": "パラメータ",
    "inside.col_verdict": "判定",
    "inside.pass": "合格",
    "inside.fail": "不合格",
    "inside.threshold": ("相対誤差 ‖g_逆伝播 − g_数値‖ / (‖g_逆伝播‖ + ‖g_数値‖)、しきい値 {threshold}。"
                         "float64 では正しい逆伝播は 1e-9 程度まで一致します（数値微分自体の誤差は"
                         "相対で h² ≈ 1e-8 程度）。本物のバグはパーセント単位でずれます。"),
    "inside.where": "行列のどこで食い違っていますか？",
    "inside.difference": "差",
    "inside.why": "**なぜ間違いか。** {why}\n\n**勾配確認でどう見つかるか。** {how}",
    # ---- figures
    "fig.batch_loss": "バッチの損失",
    "fig.batch_loss_smoothed": "バッチの損失（平滑化 {smoothing}）",
    "fig.train_loss": "訓練データの損失",
    "fig.val_loss": "検証データの損失",
    "fig.loss": "損失",
    "fig.iteration": "イテレーション",
    "fig.epoch": "エポック",
    "fig.train": "訓練",
    "fig.validation": "検証",
    "fig.accuracy": "認識精度",
    "fig.r2": "決定係数 R²（1 で完全に一致）",
    "fig.predicted_value": "予測値",
    "fig.boundary": "決定境界",
    "fig.value": "値",
    "fig.network": "ネットワーク",
    "fig.fitted": "当てはめた曲線",
    "fig.confusion_hover": "正解 %{y}、予測 %{x}: %{z}<extra></extra>",
    "fig.predicted": "予測",
    "fig.true": "正解",
    "fig.confusion": "混同行列（検証データ）",
    "fig.gradient_norms": "層ごとの勾配のノルム",
    "fig.layer": "第 {i} 層",
    "fig.dead": "死んだユニット {share}",
    "fig.activations": "隠れ層の出力（アクティベーション）",
    "fig.output": "出力",
    "fig.share": "割合",
    "fig.run": "実行 {number}",
    "fig.compare_accuracy": "終わった実行の検証データの認識精度",
    "fig.compare_r2": "終わった実行の検証データの R²",
    "fig.edges": "エッジ: {what}（赤 > 0、青 < 0、太いほど大きい）",
    "fig.mistakes": "自信を持って間違えた例（正解 → 予測）",
    "fig.weights": "第 1 層の重み（赤 +、青 −）",
    "fig.unit": "ユニット {u}",
    # ---- live training
    "train.data": "データ",
    "train.dataset": "データセット",
    "train.noise": "ノイズ",
    "train.points": "点の数",
    "train.network": "ネットワーク",
    "train.layers": "隠れ層の数",
    "train.units": "第 {i} 隠れ層のユニット数",
    "train.init": "重みの初期値",
    "train.loss_auto": "データセットに合うもの",
    "train.training": "学習",
    "train.optimizer": "最適化手法",
    "train.lr": "学習率",
    "train.batch": "バッチサイズ",
    "train.epochs": "エポック数",
    "train.decay": "荷重減衰（L2）",
    "train.display": "表示",
    "train.smoothing": "損失の平滑化",
    "train.smoothing_help": "グラフの表示だけが変わります。モデルは学習を続けます。",
    "train.speed": "速さ",
    "train.full": "全速",
    "train.pace": "毎秒 {pace} ステップ",
    "train.speed_help": "学習をゆっくりにして観察できます。モデルはリセットされません。",
    "train.mnist_download": "MNIST をダウンロードしています（約 11 MB、初回のみ）…",
    "train.mnist_progress": "{file} をダウンロード中: {done} / {total} MB",
    "train.loading": "データを読み込んでいます…",
    "train.reset_toast": "設定が変わったので、モデルをリセットしました。",
    "train.step_help": "ミニバッチをちょうど 1 つだけ学習します。",
    "train.status": ("**エポック {epoch} / {epochs}** · イテレーション {iteration} / {iterations} · "
                     "毎秒 {rate} サンプル{paced} · {seconds} 秒 · {state}"),
    "train.paced": "（毎秒 {pace} ステップに制限）",
    "train.state_running": "学習中",
    "train.state_ready": "待機中",
    "train.state_done": "完了",
    "train.state_diverged": "発散",
    "train.diverged": ("イテレーション {iteration} で損失が爆発したため、学習を止めました（グラフは"
                       "そこまでの履歴を表示しています）。学習率を下げて（いま {lr}、目安 {lower}）"
                       "リセットしてください。"),
    "train.finished_accuracy": "完了: {epochs} エポック後の検証データの認識精度は {score} です。",
    "train.finished_r2": "完了: {epochs} エポック後の検証データの R² は {score} です。",
    "train.forget_runs": "これらの実行を消す",
    "train.export": "書き出し",
    "train.export_pause": "まず一時停止してください。書き出しは学習のある一瞬をそのまま保存します。",
    "train.export_npz": "重み・最適化手法の状態・履歴（.npz）",
    "train.export_npz_help": "nnlib.Trainer.load(path, data) で読み込み直せます。",
    "train.export_csv": "履歴（.csv）",
    "train.url_notice": "リンクの {name}={value} はここでは使えないため、{default} を使います。",
    # ---- your own data
    "train.upload_title": "自分の CSV",
    "train.upload": "CSV ファイル",
    "train.upload_help": ("3 列: x1、x2、ラベル（数値または文字）。1 行に 1 点、見出し行は任意。"
                          "3 列目の名前を 'target' にすると数値の回帰になります。1 MB・10 000 行まで。"),
    "train.upload_using": "{name} で学習します。",
    "train.upload_example": "サンプルファイル（moons）",
    "train.upload_first": ("サイドバーで CSV をアップロードしてください（列は x1、x2、ラベル）。"
                           "形式はそこにあるサンプルファイルを見てください。"),
    "train.upload_problem": "{name} は使えません: {problem}",
    "train.upload_regression": "数値の目標値（回帰）",
    "train.upload_classes": "{count} クラス（{names}）",
    "train.upload_description": ("あなたの CSV: {rows} 点、{kind}。訓練に {train} 点、検証に {val} 点。"
                                 "入力は訓練データの平均と標準偏差で標準化しています。"),
    "csv.too_big": "ファイルが {size:.1f} MB あります。上限は {limit:g} MB です。",
    "csv.not_text": "UTF-8 のテキストではありません。CSV（UTF-8）で保存してください。",
    "csv.empty": "ファイルに行がありません。",
    "csv.columns": "{row} 行目の列が {count} 個です。各行には x1、x2、ラベルの 3 列が必要です。",
    "csv.too_many_rows": "ファイルに {count:,} 行あります。上限は {limit:,} 行です。",
    "csv.too_few_rows": "データ行が {count} 行しかありません。少なくとも {minimum} 行必要です。",
    "csv.missing": "{row} 行目 {column} 列目が空か、数値ではありません（{cell!r}）。",
    "csv.not_a_number": "{row} 行目 {column} 列目が数値ではありません: {cell!r}。",
    "csv.bad_target": "{row} 行目: 目標値 {cell!r} が有限の数値ではありません。",
    "csv.one_class": "すべての行のラベルが {label!r} です。分類には少なくとも 2 クラス必要です。",
    "csv.too_many_classes": ("ラベルが {count} クラスあります。上限は {limit} です。数値を予測したい"
                             "ときは 3 列目の名前を 'target' にしてください。"),
    "csv.rare_class": "クラス {label!r} が 1 行しかありません。各クラス 2 行以上必要です。",
}

# nnlib の登録表（データセット・バグ・本の例）の日本語。英語は登録表そのものにあります。
REGISTRY: dict[str, str] = {
    "dataset.digits.title": "Digits（8×8 の手書き数字）",
    "dataset.digits.description": (
        "scikit-learn の手書き数字: 8×8 ピクセル（0〜16）の画像 1 797 枚。訓練に 80 %、検証に 20 % を"
        "使い、ピクセルは訓練データ全体の平均と標準偏差で標準化しています。"),
    "dataset.mnist.title": "MNIST（28×28）",
    "dataset.mnist.description": (
        "MNIST: 手書き数字 70 000 枚（28×28 ピクセル）。訓練 50 000、検証 10 000、テスト 10 000。"
        "初回だけ公開ミラーからダウンロードします。"),
    "dataset.xor.title": "XOR",
    "dataset.xor.description": "XOR: 座標のどちらか一方だけが正の点がクラス 1。直線では分けられないので隠れ層が必要です。",
    "dataset.moons.title": "Moons（2 つの半月）",
    "dataset.moons.description": "かみ合った 2 つの半円（scikit-learn の make_moons）。",
    "dataset.circles.title": "Circles（二重の円）",
    "dataset.circles.description": "大きな円の中に小さな円（scikit-learn の make_circles）。",
    "dataset.spiral.title": "Spiral（らせん）",
    "dataset.spiral.description": "からみ合ったらせんの腕、腕ごとに 1 クラス（CS231n のらせん）。",
    "dataset.gaussians.title": "Gaussians（ガウス分布の雲）",
    "dataset.gaussians.description": "円周上に並んだガウス分布の点の雲（scikit-learn の make_blobs）。ノイズは標準偏差です。",
    "dataset.regression.title": "回帰（sin）",
    "dataset.regression.description": "x ∈ [−3, 3] で y = sin(x) + ノイズ: 2 乗和誤差で曲線に当てはめます。",
    "bug.no_batch_mean.title": "バッチサイズで割り忘れ",
    "bug.no_batch_mean.why": "損失は N サンプルの平均なので、その勾配も N で割る必要があります。",
    "bug.no_batch_mean.how_caught": "すべての勾配が N 倍大きくなり、相対誤差は (N − 1)/(N + 1) と 1 に近くなります。",
    "bug.softmax_sign.title": "Softmax の勾配の符号の誤り",
    "bug.softmax_sign.why": "dL/dスコア = (y − t)/N。(t − y)/N と書くと向きが逆になり、勾配降下法が坂を登ります。",
    "bug.softmax_sign.how_caught": "逆伝播と数値微分の勾配が正反対を向き、相対誤差は 1 になります。",
    "bug.softmax_no_max.title": "Softmax で最大値を引き忘れ",
    "bug.softmax_no_max.why": ("exp(x) はスコアが約 709 を超えるとオーバーフローします（float64）。行の最大値を"
                               "引いても数学的には何も変わらず、すべての exp が 1 以下に収まります。"),
    "bug.softmax_no_max.how_caught": ("普通のスコアでは確認に合格してしまい、バグが隠れます。ラボでは出力層の重みを"
                                      "大きくしてスコアを数百にするので、損失もすべての勾配も nan になります。"),
    "bug.sigmoid_from_input.title": "Sigmoid の微分を y ではなく x から計算",
    "bug.sigmoid_from_input.why": ("σ′(x) = y·(1 − y) の y = σ(x) は層の出力です。x·(1 − x) は別物です"
                                   "（x > 1 では負にさえなります）。"),
    "bug.sigmoid_from_input.how_caught": "sigmoid 層より下のパラメータはすべて不一致、上は合格のままなので、層の場所がわかります。",
    "bug.relu_inplace.title": "入力をその場で書き換えた後に ReLU のマスクを作成",
    "bug.relu_inplace.why": ("out = x; out[x <= 0] = 0 と書くと x 自体が変わるため、後から作るマスクはどの入力が"
                             "負だったかを覚えておらず、死んだユニットにも勾配が流れます。"),
    "bug.relu_inplace.how_caught": "ReLU 層より下のパラメータが不合格、上は合格します。",
    "bug.bias_mean.title": "バイアスの勾配をバッチで合計していない",
    "bug.bias_mean.why": "b はすべてのサンプルに足されるので、その勾配はバッチ全体の dout の合計です。平均だと N 分の 1 になります。",
    "bug.bias_mean.how_caught": "b のパラメータだけが (N − 1)/(N + 1) ずれて不合格になり、W はすべて合格します。",
    "bug.missing_transpose.title": "dx = dout·Wᵀ の転置忘れ",
    "bug.missing_transpose.why": ("dx = dout·Wᵀ は勾配を n_out 個から n_in 個のユニットへ戻します。dout·W は層が"
                                  "正方のときしか形が合わず、そのときも間違った行列です。"),
    "bug.missing_transpose.how_caught": "正方でない層では NumPy が形状エラーで止め、正方の層ではその層より下のすべてのパラメータが不合格になります。",
    "example.apple.title": "リンゴの買い物",
    "example.apple.context": ("100 円のリンゴを 2 個、消費税 10 %: 220 円（本の図 5-16）。リンゴの値段、個数、"
                              "消費税が変わると、支払金額はどれだけ変わるでしょう？"),
    "example.apple_orange.title": "リンゴとみかんの買い物",
    "example.apple_orange.context": ("100 円のリンゴを 2 個と 150 円のみかんを 3 個、消費税 10 %: 715 円"
                                     "（本の図 5-17）。加算ノードは勾配をそのまま下流へ流します。"),
    "example.sigmoid.title": "計算グラフで見る Sigmoid",
    "example.sigmoid.context": ("本の ×(−1)、exp、+1、1/x のノード（図 5-19〜5-21）。逆伝播をたどると、"
                                "x での勾配は y·(1 − y) になります。"),
    "example.relu_neuron.title": "ReLU のニューロン",
    "example.relu_neuron.context": ("relu(w1·x1 + w2·x2 + b): 和が負のとき ReLU は勾配を流さず、その下は"
                                    "この例から何も学びません。"),
    "example.circuit.title": "古典的な回路",
    "example.circuit.context": ("x = −2、y = 5、z = −4 で (x + y)·z（CS231n）: 乗算ノードは勾配を戻すとき"
                                "入力の値を入れ替えて掛けます。"),
    "example.sigmoid_neuron.title": "Sigmoid のニューロン",
    "example.sigmoid_neuron.context": "sigmoid(w1·x1 + w2·x2 + b): ロジスティック回帰の単位です。",
}
